using Airlock.Configuration;
using Airlock.Model;

namespace Airlock.Policy;

/// <summary>
/// The two messages of a decision. The agent's says what was refused and what to do instead — never
/// an invitation to try variants. The human's says what the call would do, where, and why it stopped.
/// </summary>
internal static class DecisionMessages
{
    public static string ForAgent(OperationDecision decision)
    {
        var why = Meaning(decision.ReasonCode);
        var what = Summary(decision.Operation);
        return decision.Outcome switch
        {
            Outcome.Allow => "",
            Outcome.Ask => $"The user must confirm this call: {what} ({why}).",
            Outcome.Approve => $"This call needs out-of-band approval by a human: {what} ({why}). Do not try another way to do the same thing; tell the user what you need and why.",
            _ => $"This call is refused: {what} ({why}). Do not retry it in another form or look for a workaround; if the task really needs it, stop and ask the user to do it themselves.",
        };
    }

    public static string ForHuman(OperationDecision decision, int operationCount)
    {
        var operation = decision.Operation;
        var more = operationCount > 1 ? $" (the strictest of {operationCount} operations)" : "";
        return $"{Summary(operation)} — {EnumNames.Of(operation.Reversibility)}, {EnumNames.Of(operation.BlastRadius)}, environment {EnumNames.Of(operation.Environment)}"
            + (operation.EnvironmentEvidence is null ? "" : $" ({operation.EnvironmentEvidence})")
            + $". {Capitalize(Meaning(decision.ReasonCode))}; decided by {decision.Rule}{more}.";
    }

    private static string Summary(Operation operation) => $"{operation.Kind} on '{operation.Target}'";

    private static string Meaning(string code) =>
        ReasonCodes.All.FirstOrDefault(r => r.Code == code).Meaning ?? code.Replace('_', ' ');

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
