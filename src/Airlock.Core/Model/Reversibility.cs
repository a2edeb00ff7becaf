using System.Text.Json.Serialization;

namespace Airlock.Model;

/// <summary>Whether the effect of an operation can be undone.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Reversibility>))]
public enum Reversibility
{
    [JsonStringEnumMemberName("reversible")] Reversible,
    [JsonStringEnumMemberName("irreversible")] Irreversible,
}
