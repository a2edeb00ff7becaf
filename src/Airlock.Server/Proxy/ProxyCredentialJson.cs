using System.Text.Json.Serialization;

namespace Airlock.Server.Proxy;

/// <summary>The body of <c>PUT /v1/proxy/routes/{route}/credential</c>.</summary>
internal sealed record ProxyCredentialJson
{
    [JsonPropertyName("secret")] public string? Secret { get; init; }
}
