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
    public Decision Decide(ActionRequest request, Func<Decision> local)
    {
        var body = new DecideRequestJson { Tool = request.Tool, Input = request.Input, Cwd = request.Cwd, Session = request.Subject.Session, Client = request.Client };
        try
        {
            var answer = client.Decide(body);
            if (answer.Decision == "approve" && answer.Approval is not null && wait > TimeSpan.Zero)
            {
                answer = ApprovalPoller.Wait(client, body, answer, wait);
            }

            return FromGateway(answer);
        }
        catch (GatewayClientException e)
        {
            return ApprovalPoller.Unreachable(local(), e.Message);
        }
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
