namespace Airlock.Cli.Tests.Gateway;

/// <summary>One answered decide call, as the client read it.</summary>
internal sealed record AcknowledgedDecision(string Id, string Command, string Decision, string ReasonCode, string? ApprovalId, string? ApprovalStatus)
{
    public bool IsGrant => Decision == "allow" && ReasonCode == "approval_granted";
}
