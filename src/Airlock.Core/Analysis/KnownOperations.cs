using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>The operations many handlers report in the same shape.</summary>
internal static class KnownOperations
{
    /// <summary>Something runs that cannot be analyzed before it runs: a computed program name, an unreadable script, a payload piped to a shell.</summary>
    public static Operation Unanalyzable(string kind, string target, string evidence, string tool, BlastRadius radius = BlastRadius.Machine) => new()
    {
        Kind = kind,
        Verb = Verb.ExecuteUnknown,
        Reversibility = Reversibility.Irreversible,
        BlastRadius = radius,
        Target = ShellAnalyzer.Truncate(target, 120),
        Evidence = evidence,
        Tool = tool,
    };

    /// <summary>A credential store is read, or written (<paramref name="kind"/> credential.write).</summary>
    public static Operation Credential(string path, string evidence, string tool, string kind = "credential.read") => new()
    {
        Kind = kind,
        Verb = Verb.CredentialAccess,
        Reversibility = Reversibility.Irreversible,
        BlastRadius = BlastRadius.Machine,
        Target = path,
        Evidence = evidence,
        Tool = tool,
    };
}
