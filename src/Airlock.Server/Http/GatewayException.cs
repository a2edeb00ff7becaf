namespace Airlock.Server.Http;

/// <summary>A request the gateway refuses: the HTTP status, a stable code and one sentence that says what to do.</summary>
internal sealed class GatewayException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static GatewayException NotFound(string what) => new(404, "not_found", $"{what} does not exist.");

    public static GatewayException Forbidden(string message) => new(403, "forbidden", message);

    public static GatewayException Conflict(string message) => new(409, "conflict", message);

    public static GatewayException BadRequest(string message) => new(400, "invalid_request", message);
}
