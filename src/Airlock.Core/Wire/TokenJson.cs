using System.Text.Json.Serialization;

namespace Airlock.Wire;

/// <summary>A token as the admin API shows it. The secret itself appears once, in the answer that creates it.</summary>
internal sealed record TokenJson
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("role")] public required string Role { get; init; }
    [JsonPropertyName("tenant")] public required string Tenant { get; init; }
    [JsonPropertyName("workspace")] public required string Workspace { get; init; }
    [JsonPropertyName("scope")] public IReadOnlyList<string> Scope { get; init; } = [];
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; init; }
    [JsonPropertyName("revoked_at")] public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Only in the answer to create: the bearer token, shown once and never stored.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }
}

/// <summary>The body of <c>POST /v1/tokens</c>.</summary>
internal sealed record TokenCreateJson
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("role")] public string? Role { get; init; }
    [JsonPropertyName("tenant")] public string? Tenant { get; init; }
    [JsonPropertyName("workspace")] public string? Workspace { get; init; }

    /// <summary>Lifetime such as <c>8h</c>; none means it lives until revoked.</summary>
    [JsonPropertyName("ttl")] public string? Ttl { get; init; }

    /// <summary>For agent tokens: <c>tool:GLOB</c> and <c>env:NAME</c> entries; empty means everything.</summary>
    [JsonPropertyName("scope")] public IReadOnlyList<string>? Scope { get; init; }
}

/// <summary>Every error the gateway answers: one sentence that says what to do, and a stable code.</summary>
internal sealed record ErrorJson
{
    [JsonPropertyName("error")] public required string Error { get; init; }
    [JsonPropertyName("code")] public required string Code { get; init; }
}
