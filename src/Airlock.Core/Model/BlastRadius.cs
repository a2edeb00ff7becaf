using System.Text.Json.Serialization;

namespace Airlock.Model;

/// <summary>How far the damage of an operation can reach, from least to most.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BlastRadius>))]
public enum BlastRadius
{
    /// <summary>Nothing is touched: reads, help, version queries.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>Throw-away local state: build output, caches, dependency folders, /tmp.</summary>
    [JsonStringEnumMemberName("local-scratch")] LocalScratch,
    /// <summary>The developer's own work: the project tree, local git history, local databases.</summary>
    [JsonStringEnumMemberName("workspace")] Workspace,
    /// <summary>The local machine outside the project: system files, other folders.</summary>
    [JsonStringEnumMemberName("machine")] Machine,
    /// <summary>A shared or remote resource: a database, a cluster, a cloud resource, a git remote.</summary>
    [JsonStringEnumMemberName("remote")] Remote,
    /// <summary>Everything at once: a disk, a home directory, a whole account or project.</summary>
    [JsonStringEnumMemberName("catastrophic")] Catastrophic,
}
