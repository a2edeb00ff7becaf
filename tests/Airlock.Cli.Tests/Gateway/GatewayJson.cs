using System.Text;
using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>Small HTTP helpers for the gateway tests: POST or GET JSON, read the status and the body as a JSON node.</summary>
internal static class GatewayJson
{
    public static (int Status, JsonNode? Body, HttpResponseMessage Response) Post(HttpClient client, string path, JsonNode body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = client.Send(request);
        return Read(response);
    }

    public static (int Status, JsonNode? Body, HttpResponseMessage Response) Get(HttpClient client, string path) =>
        Read(client.Send(new HttpRequestMessage(HttpMethod.Get, path)));

    /// <summary>The body of <c>POST /v1/decide</c> for a shell command.</summary>
    public static JsonObject Shell(string command, string cwd = "/srv/app", string session = "s1") =>
        new() { ["tool"] = "Bash", ["input"] = new JsonObject { ["command"] = command }, ["cwd"] = cwd, ["session"] = session, ["client"] = "claude-code" };

    /// <summary>The audit log's records of one type (<c>execution</c>, <c>decision</c>…), read with an approver's or admin's client.</summary>
    public static List<JsonNode> AuditRecords(HttpClient reader, string type)
    {
        var text = reader.GetStringAsync($"v1/audit/records?type={Uri.EscapeDataString(type)}").GetAwaiter().GetResult();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["record"]!)];
    }

    private static (int, JsonNode?, HttpResponseMessage) Read(HttpResponseMessage response)
    {
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }
}
