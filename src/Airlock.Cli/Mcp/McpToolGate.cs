using System.Text.Json;
using Airlock.Cli.Gateway;
using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;

namespace Airlock.Cli.Mcp;

/// <summary>
/// Decides one <c>tools/call</c> of the proxied server as the tool <c>mcp__SERVER__TOOL</c> with its
/// arguments — by the gateway when one is configured, else by the local policy — and words a refusal
/// so the model can read what was refused, why, and what a human must do. Only the tool's name and
/// arguments go into the decision: nothing the server says about its tools (annotations such as
/// <c>destructiveHint</c>) and nothing else the client sends.
/// </summary>
internal sealed class McpToolGate(string server, string cwd, CallDecider decider, Func<PolicyEngine> local)
{
    public string Server => server;

    public string ToolName(string tool) => $"mcp__{server}__{tool}";

    public CallVerdict Decide(string tool, JsonElement arguments)
    {
        var request = new ActionRequest { Tool = ToolName(tool), Input = arguments, Cwd = cwd, Client = "mcp" };
        try
        {
            return decider.Decide(request);
        }
        catch (ConfigException)
        {
            return Refused(ReasonCodes.PolicyError, "the Airlock policy could not be loaded (run 'airlock policy validate' to see why), so the call was not made.");
        }
#pragma warning disable CA1031 // Fail closed: any failure while deciding refuses the call.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Refused(ReasonCodes.InternalError, $"Airlock failed while deciding ({e.GetType().Name}), so the call was not made.");
        }
    }

    /// <summary>True when the local policy denies the tool whatever its arguments (for <c>--hide-denied</c>).</summary>
    public bool AlwaysDenied(string tool)
    {
        try
        {
            return local().DeniesTool(ToolName(tool));
        }
        catch (ConfigException)
        {
            return false;
        }
    }

    /// <summary>The text of the tool error for a call that is not forwarded.</summary>
    public string Refusal(string tool, CallVerdict verdict)
    {
        var answer = verdict.Answer;
        var what = $"the call to '{tool}' of the MCP server '{server}'";
        return verdict.Outcome switch
        {
            Outcome.Approve when verdict.PendingApproval is { } approval =>
                $"Airlock is holding {what} for a human's approval ({answer.ReasonCode}): {answer.HumanMessage}\n"
                + $"Approval request: {approval.Id}. The call was not made. A human approver must approve it outside this conversation"
                + $" ({approval.ApproveCommand ?? $"airlock approvals approve {approval.Id}"}{(approval.Url is { } url ? $", or {url}" : "")}).\n"
                + "Once it is approved, make exactly the same call again, with the same arguments: it will then run once. "
                + "Do not try another way to do the same thing; tell the user what you need and why.",
            Outcome.Approve =>
                $"Airlock refused {what} ({answer.ReasonCode}): it needs a human's out-of-band approval, and no Airlock gateway is configured to collect it "
                + $"(set AIRLOCK_SERVER and AIRLOCK_TOKEN). {answer.HumanMessage}\nThe call was not made. Do not try another way; ask the user to do it themselves or to set up approvals.",
            Outcome.Ask =>
                $"Airlock stopped {what} ({answer.ReasonCode}): it needs the user's confirmation, which Airlock cannot ask for from inside an MCP server. {answer.HumanMessage}\n"
                + "The call was not made. Do not try another way to do the same thing; ask the user to confirm and to do it themselves if it is intended.",
            _ =>
                $"Airlock refused {what} ({answer.ReasonCode}): {answer.HumanMessage}\n"
                + (string.IsNullOrEmpty(answer.AgentMessage) ? "The call was not made. Do not retry it in another form or look for a workaround; tell the user." : $"The call was not made. {answer.AgentMessage}"),
        };
    }

    private static CallVerdict Refused(string reasonCode, string message) => CallVerdict.Local(new Decision
    {
        Outcome = Outcome.Deny,
        ReasonCode = reasonCode,
        Rule = reasonCode,
        AgentMessage = "Do not retry it in another form; tell the user.",
        HumanMessage = message,
    });
}
