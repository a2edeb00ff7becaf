using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>A decision as a person reads it in a terminal.</summary>
internal static class DecisionText
{
    public static void Write(Decision decision, TextWriter output)
    {
        output.WriteLine($"{EnumNames.Of(decision.Outcome)} ({decision.ReasonCode}) — {decision.Rule}");
        if (decision.HumanMessage.Length > 0)
        {
            output.WriteLine($"  {decision.HumanMessage}");
        }

        foreach (var item in decision.Operations)
        {
            var op = item.Operation;
            output.WriteLine($"  - {EnumNames.Of(item.Outcome),-7} {op.Kind} on '{op.Target}' [{EnumNames.Of(op.Verb)}, {EnumNames.Of(op.Reversibility)}, {EnumNames.Of(op.BlastRadius)}, {EnumNames.Of(op.Environment)}]");
        }
    }
}
