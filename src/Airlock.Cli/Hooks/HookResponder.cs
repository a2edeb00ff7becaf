using System.Text.Json;
using Airlock.Cli.Output;
using Airlock.Policy;

namespace Airlock.Cli.Hooks;

/// <summary>
/// Writes a decision in each client's documented answer format, and defeats each client's failure
/// semantics: every answer exits 0 with a well-formed decision. Where a client cannot show a
/// confirmation prompt (Gemini, Codex, Cursor's file reads) an <c>ask</c> becomes a deny that says
/// a human must run or approve it. An <c>approve</c> without a gateway becomes a deny that says how to
/// get approval. An <c>allow</c> is "no objection" where the client has that form, so the client's
/// own permission settings still apply.
/// </summary>
internal static class HookResponder
{
    public static HookResponse Render(HookDialect dialect, string hookEvent, Decision decision)
    {
        var (outcome, agentText, humanText) = Effective(decision);
        var reason = $"Airlock ({decision.ReasonCode}): " + (outcome == Outcome.Deny ? agentText : humanText);
        return dialect switch
        {
            HookDialect.ClaudeCode => outcome == Outcome.Allow
                ? Empty
                : Json(new ClaudeHookOutput(new ClaudeHookSpecificOutput("PreToolUse", Name(outcome), reason)), CliJsonContext.Readable.ClaudeHookOutput),
            HookDialect.Codex => outcome == Outcome.Allow
                ? Empty
                : Json(new ClaudeHookOutput(new ClaudeHookSpecificOutput("PreToolUse", "deny", AskAsDeny(outcome, reason))), CliJsonContext.Readable.ClaudeHookOutput),
            HookDialect.Cursor => Cursor(hookEvent, outcome, reason, $"Airlock ({decision.ReasonCode}): {agentText}", $"Airlock ({decision.ReasonCode}): {humanText}"),
            HookDialect.Gemini => outcome == Outcome.Allow
                ? Json(new GeminiHookOutput("allow", null), CliJsonContext.Readable.GeminiHookOutput)
                : Json(new GeminiHookOutput("deny", AskAsDeny(outcome, reason)), CliJsonContext.Readable.GeminiHookOutput),
            _ => outcome == Outcome.Allow
                ? Empty
                : Json(new CopilotHookOutput(Name(outcome), reason), CliJsonContext.Readable.CopilotHookOutput),
        };
    }

    /// <summary>Cursor's events that Airlock does not gate (a prompt submission) are let through.</summary>
    public static HookResponse NotGated(HookDialect dialect) => dialect == HookDialect.Cursor
        ? Json(new CursorContinueOutput(true), CliJsonContext.Readable.CursorContinueOutput)
        : Empty;

    private static HookResponse Cursor(string hookEvent, Outcome outcome, string reason, string agentText, string humanText)
    {
        if (outcome == Outcome.Allow)
        {
            return Json(new CursorHookOutput("allow", null, null), CliJsonContext.Readable.CursorHookOutput);
        }

        // beforeReadFile has no "ask" and no agent message.
        if (hookEvent is "beforeReadFile" or "beforeTabFileRead")
        {
            return Json(new CursorHookOutput("deny", AskAsDeny(outcome, reason), null), CliJsonContext.Readable.CursorHookOutput);
        }

        return Json(new CursorHookOutput(Name(outcome), humanText, agentText), CliJsonContext.Readable.CursorHookOutput);
    }

    /// <summary>Approve has no hook form: without a gateway it is a deny that tells the way to approval.</summary>
    private static (Outcome Outcome, string Agent, string Human) Effective(Decision decision)
    {
        if (decision.Outcome != Outcome.Approve)
        {
            return (decision.Outcome, decision.AgentMessage, decision.HumanMessage);
        }

        var text = $"{decision.AgentMessage} No Airlock gateway is configured to collect that approval (set AIRLOCK_SERVER and AIRLOCK_TOKEN), so the call is refused; "
            + "ask the user to run it themselves or to set up approvals.";
        return (Outcome.Deny, text, text);
    }

    private static string AskAsDeny(Outcome outcome, string reason) => outcome == Outcome.Ask
        ? reason + " This client cannot ask the user to confirm, so the call is refused: ask the user to run it themselves if it is intended."
        : reason;

    private static string Name(Outcome outcome) => Configuration.EnumNames.Of(outcome);

    private static readonly HookResponse Empty = new("", "", 0);

    private static HookResponse Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type) + "\n", "", 0);
}
