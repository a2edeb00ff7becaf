using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>A local path resolved against the working directory, and what it is.</summary>
internal sealed record LocalPath(string Path, BlastRadius Radius, string Reason)
{
    public bool IsCredentialStore { get; init; }

    public bool IsSecretFile { get; init; }

    public bool IsProtected { get; init; }
}
