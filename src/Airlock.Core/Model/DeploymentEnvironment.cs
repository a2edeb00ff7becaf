using System.Text.Json.Serialization;

namespace Airlock.Model;

/// <summary>Which environment an operation's target lives in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeploymentEnvironment>))]
public enum DeploymentEnvironment
{
    /// <summary>The developer's machine: files, local databases, local clusters.</summary>
    [JsonStringEnumMemberName("local")] Local,
    [JsonStringEnumMemberName("dev")] Dev,
    [JsonStringEnumMemberName("staging")] Staging,
    [JsonStringEnumMemberName("prod")] Prod,
    /// <summary>Remote, and nothing in the call says which environment; treated as production.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
}
