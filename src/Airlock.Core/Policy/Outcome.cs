using System.Text.Json.Serialization;

namespace Airlock.Policy;

/// <summary>What happens to a tool call, from least to most restrictive.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
public enum Outcome
{
    /// <summary>Runs without friction.</summary>
    [JsonStringEnumMemberName("allow")] Allow,
    /// <summary>The client's own confirmation prompt, which only the human at the keyboard can answer.</summary>
    [JsonStringEnumMemberName("ask")] Ask,
    /// <summary>Out-of-band approval by another principal through the gateway.</summary>
    [JsonStringEnumMemberName("approve")] Approve,
    /// <summary>Refused.</summary>
    [JsonStringEnumMemberName("deny")] Deny,
}
