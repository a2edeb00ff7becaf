namespace Airlock.Policy;

/// <summary>Targets that count as protected: branches, and hosts, contexts or profiles that are production.</summary>
public sealed record ProtectedTargets
{
    public IReadOnlyList<string> Branches { get; init; } = [];

    /// <summary>Globs on hosts, kube contexts, cloud profiles and projects that are production whatever their names say.</summary>
    public IReadOnlyList<string> Production { get; init; } = [];
}
