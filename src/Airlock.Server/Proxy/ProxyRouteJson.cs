using System.Text.Json.Serialization;

namespace Airlock.Server.Proxy;

/// <summary>A proxy route as admins see it (<c>GET /v1/proxy/routes</c>): whether a credential is set, never the credential.</summary>
internal sealed record ProxyRouteJson
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("prefix")] public required string Prefix { get; init; }
    [JsonPropertyName("upstream")] public required string Upstream { get; init; }
    [JsonPropertyName("environment")] public string? Environment { get; init; }
    [JsonPropertyName("credential_header")] public string? CredentialHeader { get; init; }
    [JsonPropertyName("credential_set")] public bool CredentialSet { get; init; }
    [JsonPropertyName("credential_updated_at")] public DateTimeOffset? CredentialUpdatedAt { get; init; }
    [JsonPropertyName("credential_updated_by")] public string? CredentialUpdatedBy { get; init; }
    [JsonPropertyName("idempotency_key")] public bool IdempotencyKey { get; init; }
}
