using Airlock.Cli.Gateway;
using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;
using Airlock.Wire;

namespace Airlock.Cli.Hooks;

/// <summary>
/// The hook's side of the gateway (when AIRLOCK_SERVER and AIRLOCK_TOKEN are set): the gateway decides
/// and records; for approve it names the pending request, and with <c>--wait</c> the hook polls it
/// until a human decides or the wait ends. If the gateway cannot be reached or answers an error, the
/// local policy decides and an approve becomes a deny: it never falls open.
/// </summary>
internal sealed class HookGateway(GatewayClient client, TimeSpan wait)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public Decision Decide(ActionRequest request, Func<Decision> local)
    {
        var body = new DecideRequestJson { Tool = request.Tool, Input = request.Input, Cwd = request.Cwd, Session = request.Subject.Session, Client = request.Client };
        try
        {
            var answer = client.Decide(body);
            if (answer.Decision == "approve" && answer.Approval is { } approval && wait > TimeSpan.Zero)
            {
                answer = Wait(body, answer, approval.Id);
            }

            return FromGateway(answer);
        }
        catch (GatewayClientException e)
        {
            var decision = local();
            if (decision.Outcome != Outcome.Approve)
            {
                return decision;
            }

            var text = $"{decision.AgentMessage} The approval cannot be requested: {e.Message}. So the call is refused; ask the user to check the Airlock gateway, or to run it themselves.";
            return decision with { Outcome = Outcome.Deny, ReasonCode = ReasonCodes.ApprovalUnavailable, AgentMessage = text, HumanMessage = text };
        }
    }

    private DecisionJson Wait(DecideRequestJson body, DecisionJson pending, string approvalId)
    {
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

    /// <summary>The gateway's answer as the hook renders it; approve (still pending) is a deny that says what the human must do.</summary>
    private static Decision FromGateway(DecisionJson answer)
    {
        var outcome = EnumNames.TryParse<Outcome>(answer.Decision, out var parsed) ? parsed : Outcome.Deny;
        return new Decision
        {
            Outcome = outcome == Outcome.Approve ? Outcome.Deny : outcome,
            ReasonCode = answer.ReasonCode,
            Rule = answer.Rule,
            AgentMessage = answer.AgentMessage ?? "",
            HumanMessage = outcome == Outcome.Approve ? answer.AgentMessage ?? "" : answer.HumanMessage ?? "",
        };
    }
}
