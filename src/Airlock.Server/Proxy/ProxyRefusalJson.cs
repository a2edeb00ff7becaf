using System.Text.Json.Serialization;
using Airlock.Wire;

namespace Airlock.Server.Proxy;

/// <summary>
/// The answer to a proxied request that was not forwarded because of the decision: one sentence for the
/// agent, a stable code (<c>denied</c>, <c>approval_required</c>), and the decision itself with its
/// operations and, for an approval, the request a human must approve.
/// </summary>
internal sealed record ProxyRefusalJson
{
    [JsonPropertyName("error")] public required string Error { get; init; }
    [JsonPropertyName("code")] public required string Code { get; init; }
    [JsonPropertyName("decision")] public required DecisionJson Decision { get; init; }
}
