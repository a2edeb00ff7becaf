using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airlock.Wire;

/// <summary>
/// The body of <c>POST /v1/decide</c>: one tool call, in the shape the hooks build. Who asks is not
/// part of it: the gateway takes the tenant, workspace and agent from the bearer token.
/// </summary>
internal sealed record DecideRequestJson
{
    [JsonPropertyName("tool")] public string? Tool { get; init; }
    [JsonPropertyName("input")] public JsonElement Input { get; init; }
    [JsonPropertyName("cwd")] public string? Cwd { get; init; }
    [JsonPropertyName("session")] public string? Session { get; init; }
    [JsonPropertyName("client")] public string? Client { get; init; }

    /// <summary>The same as the <c>Idempotency-Key</c> header, for clients that cannot set headers.</summary>
    [JsonPropertyName("idempotency_key")] public string? IdempotencyKey { get; init; }
}
