using Airlock.Cli.Gateway;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>
/// The exit codes of <c>airlock exec</c>. Any other code is the command's own, passed through. Airlock's
/// codes are high numbers, clear of those commands commonly use, in the convention of <c>env</c>,
/// <c>timeout</c> and <c>docker run</c> (125 its own failure, 126 cannot run, 127 not found).
/// </summary>
internal static class ExecExitCodes
{
    /// <summary>The policy or a human refused the command; it did not run.</summary>
    public const int Deny = 121;

    /// <summary>The command needs a person's confirmation, which <c>exec</c> cannot ask for; it did not run.</summary>
    public const int Ask = 122;

    /// <summary>The command needs out-of-band approval that was not given (no gateway, or the wait ended); it did not run.</summary>
    public const int Approve = 123;

    /// <summary>Airlock itself failed (usage, a policy that does not load); the command did not run.</summary>
    public const int UsageOrError = 125;

    /// <summary>The program was found but could not be started.</summary>
    public const int CannotRun = 126;

    /// <summary>The program was not found.</summary>
    public const int NotFound = 127;

    public static int Of(CallVerdict verdict) => verdict.Outcome switch
    {
        Outcome.Allow => 0,
        Outcome.Ask => Ask,
        Outcome.Approve => Approve,
        _ when verdict.Answer.ReasonCode == ReasonCodes.ApprovalUnavailable => Approve,
        _ => Deny,
    };
}
