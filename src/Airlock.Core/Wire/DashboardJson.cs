using System.Text.Json.Serialization;

namespace Airlock.Wire;

/// <summary>The body of <c>POST /v1/session</c>: the dashboard's sign-in.</summary>
internal sealed record SignInRequestJson
{
    [JsonPropertyName("token")] public string? Token { get; init; }
}

/// <summary>Who is signed in to the dashboard, and the CSRF token its changes must carry.</summary>
internal sealed record SessionJson
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("role")] public required string Role { get; init; }
    [JsonPropertyName("tenant")] public required string Tenant { get; init; }
    [JsonPropertyName("csrf")] public required string Csrf { get; init; }
}

/// <summary>The policy in force (<c>GET /v1/policy</c>): where it came from, its hash, and the text of each file it is built from.</summary>
internal sealed record PolicyJson
{
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
    [JsonPropertyName("documents")] public required IReadOnlyList<PolicyDocumentJson> Documents { get; init; }
}

internal sealed record PolicyDocumentJson
{
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
}

/// <summary>The audit log at a glance (<c>GET /v1/audit/status</c>): its size and its newest signed checkpoint.</summary>
internal sealed record AuditStatusJson
{
    [JsonPropertyName("origin")] public required string Origin { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("checkpoint_size")] public long CheckpointSize { get; init; }
    [JsonPropertyName("checkpoint_at")] public DateTimeOffset CheckpointAt { get; init; }
    [JsonPropertyName("checkpoint_age_seconds")] public double CheckpointAgeSeconds { get; init; }
    [JsonPropertyName("checkpoint_signature_valid")] public bool CheckpointSignatureValid { get; init; }
    [JsonPropertyName("key_fingerprint")] public required string KeyFingerprint { get; init; }
    [JsonPropertyName("heartbeat_seconds")] public double HeartbeatSeconds { get; init; }
}
