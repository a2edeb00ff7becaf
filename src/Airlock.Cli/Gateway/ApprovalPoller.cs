using Airlock.Policy;
using Airlock.Wire;

namespace Airlock.Cli.Gateway;

/// <summary>
/// Waits for a human to decide a pending approval request: polls the request, and once it is approved
/// (and past any cooling-off delay) sends the identical decide again, which consumes the single-use
/// grant. Used by the hook's <c>--wait</c> and by <c>airlock exec --wait</c>; never reads anything
/// from the agent's side.
/// </summary>
internal static class ApprovalPoller
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The gateway's final answer: allow (the grant was consumed), deny (rejected, expired or cancelled),
    /// or the pending answer again when the wait ended first. Throws <see cref="GatewayClientException"/>
    /// when the gateway stops answering.
    /// </summary>
    public static DecisionJson Wait(GatewayClient client, DecideRequestJson body, DecisionJson pending, TimeSpan wait)
    {
        var approvalId = pending.Approval!.Id;
        var until = DateTimeOffset.UtcNow + wait;
        while (DateTimeOffset.UtcNow + PollInterval <= until)
        {
            Thread.Sleep(PollInterval);
            var approval = client.Approval(approvalId);
            switch (approval.Status)
            {
                case "approved" when approval.GrantUsableAt <= DateTimeOffset.UtcNow:
                    var retried = client.Decide(body);
                    if (retried.Decision != "approve")
                    {
                        return retried;
                    }

                    // Someone else's identical call took the grant: wait on the request that answer names.
                    if (retried.Approval is { } next)
                    {
                        approvalId = next.Id;
                        pending = retried;
                    }

                    break;
                case "rejected" or "expired" or "cancelled":
                    var why = approval.ResolutionReason is { Length: > 0 } reason ? $": {reason}" : "";
                    return pending with
                    {
                        Decision = "deny",
                        ReasonCode = approval.Status == "rejected" ? ReasonCodes.ApprovalRejected : pending.ReasonCode,
                        AgentMessage = $"The approval request {approvalId} was {approval.Status}{why}. Do not retry it or try another way; tell the user.",
                        HumanMessage = $"The approval request {approvalId} was {approval.Status}{why}.",
                    };
            }
        }

        return pending with { AgentMessage = $"Approval pending: request {approvalId}; a human must approve it; then run exactly the same command again." };
    }

    /// <summary>
    /// The decision when the gateway cannot be asked: the local policy's, except that an approve — which
    /// needs the gateway — becomes a deny that says why. Never falls open.
    /// </summary>
    public static Decision Unreachable(Decision local, string error)
    {
        if (local.Outcome != Outcome.Approve)
        {
            return local;
        }

        var text = $"{local.AgentMessage} The approval cannot be requested: {error}. So the call is refused; ask the user to check the Airlock gateway, or to run it themselves.";
        return local with { Outcome = Outcome.Deny, ReasonCode = ReasonCodes.ApprovalUnavailable, AgentMessage = text, HumanMessage = text };
    }
}
