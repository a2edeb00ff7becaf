using System.CommandLine;
using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary><c>airlock explain</c>: the step-by-step trace behind a decision.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = new Command("explain", "Show how Airlock reads a command and why it decides what it decides.");
        common.AddTo(command);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            try
            {
                var request = common.Request(result);
                var policy = PolicySources.Resolve(result.GetValue(common.Policy), request.Cwd);
                var decision = new PolicyEngine(policy).Decide(request, trace: true);
                output.WriteLine($"Policy: {policy.Source}");
                output.WriteLine("Steps:");
                for (var i = 0; i < decision.Trace.Count; i++)
                {
                    output.WriteLine($"  {i + 1,3}. {decision.Trace[i]}");
                }

                output.WriteLine("Operations:");
                foreach (var item in decision.Operations)
                {
                    var op = item.Operation;
                    output.WriteLine($"  - {op.Kind} on '{op.Target}'");
                    output.WriteLine($"      verb {EnumNames.Of(op.Verb)}, {EnumNames.Of(op.Reversibility)}, blast radius {EnumNames.Of(op.BlastRadius)}");
                    output.WriteLine($"      environment {EnumNames.Of(op.Environment)}{(op.EnvironmentEvidence is null ? "" : $": {op.EnvironmentEvidence}")}");
                    output.WriteLine($"      evidence: {op.Evidence}");
                    output.WriteLine($"      → {EnumNames.Of(item.Outcome)} ({item.ReasonCode}) by {item.Rule}");
                }

                output.WriteLine("Decision:");
                DecisionText.Write(decision, output);
                if (decision.AgentMessage.Length > 0)
                {
                    output.WriteLine($"  To the agent: {decision.AgentMessage}");
                }

                return ExitCodes.Of(decision.Outcome);
            }
            catch (Exception e) when (e is UsageException or ConfigException)
            {
                result.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }
}
