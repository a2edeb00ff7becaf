using Airlock.Configuration;
using Airlock.Policy;
using Airlock.Wire;

namespace Airlock.Cli.Gateway;

/// <summary>
/// How one call was decided, for the adapters that run the call themselves (<c>exec</c>,
/// <c>mcp-proxy</c>): the answer in the gateway's shape, and whether the gateway gave it — only then
/// is there a recorded decision whose outcome can be reported, and only then can an approve be pending.
/// </summary>
internal sealed record CallVerdict(DecisionJson Answer, bool ByGateway)
{
    public Outcome Outcome => EnumNames.TryParse<Outcome>(Answer.Decision, out var outcome) ? outcome : Outcome.Deny;

    /// <summary>The approval request a gateway's approve answer names; null otherwise.</summary>
    public ApprovalJson? PendingApproval => ByGateway && Outcome == Outcome.Approve ? Answer.Approval : null;

    public static CallVerdict Local(Decision decision) => new(DecisionJson.From(decision), false);
}
