using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Airlock.Server.Auth;
using Airlock.Server.Dashboard;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary>The small pieces every endpoint shares: the bearer token, bounded JSON bodies, JSON answers.</summary>
internal static class GatewayHttp
{
    public const int MaxBodyBytes = 4 << 20;

    /// <summary>
    /// The caller, from its bearer token or, with no Authorization header, from a dashboard session
    /// cookie; a cookie-authenticated change must carry the session's CSRF token.
    /// </summary>
    public static async Task<Principal> RequireAsync(HttpContext context, TokenService tokens, params Role[] roles)
    {
        var header = context.Request.Headers.Authorization.ToString();
        Principal? principal;
        if (header.Length == 0 && context.Request.Cookies.TryGetValue(DashboardSessions.CookieName, out var sessionId))
        {
            principal = await DashboardAuth.PrincipalAsync(context, tokens, sessionId).ConfigureAwait(false);
        }
        else
        {
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
            principal = await tokens.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false)
                ?? throw new GatewayException(401, "unauthorized", "Send a valid, unrevoked Airlock token as 'Authorization: Bearer TOKEN'.");
        }

        if (!roles.Contains(principal.Role))
        {
            throw GatewayException.Forbidden($"This {Configuration.EnumNames.Of(principal.Role)} token cannot do this; it needs one of these roles: {string.Join(", ", roles.Select(Configuration.EnumNames.Of))}.");
        }

        return principal;
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> of JSON; anything else is a 400 that says what was wrong.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new GatewayException(413, "too_large", $"The request body is larger than {MaxBodyBytes >> 20} MiB.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            throw GatewayException.BadRequest("The request body is not valid JSON.");
        }
    }

    public static T Deserialize<T>(JsonElement element, JsonTypeInfo<T> type)
    {
        try
        {
            return element.Deserialize(type) ?? throw GatewayException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw GatewayException.BadRequest($"The request body does not have the expected shape ({e.Path}).");
        }
    }

    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = 200) =>
        Results.Text(JsonSerializer.Serialize(value, type), "application/json", System.Text.Encoding.UTF8, status);

    public static IResult Error(int status, string code, string message) =>
        Json(new ErrorJson { Error = message, Code = code }, WireJsonContext.Readable.ErrorJson, status);
}
