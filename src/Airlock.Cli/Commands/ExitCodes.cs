using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>The documented, stable exit codes of <c>airlock check</c>.</summary>
internal static class ExitCodes
{
    public const int Allow = 0;
    public const int UsageOrError = 1;
    public const int Deny = 2;
    public const int Ask = 3;
    public const int Approve = 4;

    /// <summary><c>airlock audit verify</c>: the bundle does not verify (tampered, truncated, or signed by an unknown key).</summary>
    public const int AuditInvalid = 5;

    public static int Of(Outcome outcome) => outcome switch
    {
        Outcome.Allow => Allow,
        Outcome.Ask => Ask,
        Outcome.Approve => Approve,
        _ => Deny,
    };
}
