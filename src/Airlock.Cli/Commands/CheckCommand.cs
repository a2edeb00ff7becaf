using System.CommandLine;
using System.Text.Json;
using Airlock.Cli.Hooks;
using Airlock.Cli.Output;
using Airlock.Wire;
using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock check</c>: decides one command or tool call (exit code 0 allow, 2 deny, 3 ask,
/// 4 approve, 1 usage or internal error), or with <c>--batch</c> decides Claude Code PreToolUse
/// payloads read one per line and writes one JSON line each.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Write the decision as JSON." };
        var batch = new Option<bool>("--batch") { Description = "Read Claude Code PreToolUse payloads, one JSON object per line, from stdin; write one JSON decision per line." };
        var command = new Command("check", "Decide whether a command or tool call may run.");
        common.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(batch);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                if (result.GetValue(batch))
                {
                    return Batch(Console.In, output, result.GetValue(common.Policy), result.GetValue(common.Cwd));
                }

                var request = common.Request(result);
                var policy = PolicySources.Resolve(result.GetValue(common.Policy), request.Cwd);
                var decision = new PolicyEngine(policy).Decide(request);
                if (result.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(DecisionJson.From(decision), WireJsonContext.Readable.DecisionJson));
                }
                else
                {
                    DecisionText.Write(decision, output);
                }

                return ExitCodes.Of(decision.Outcome);
            }
            catch (UsageException e)
            {
                error.WriteLine(e.Message);
                return ExitCodes.UsageOrError;
            }
            catch (ConfigException e)
            {
                error.WriteLine("The policy cannot be used:");
                foreach (var item in e.Errors)
                {
                    error.WriteLine($"  {item}");
                }

                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }

    private static int Batch(TextReader input, TextWriter output, string? policyPath, string? cwd)
    {
        var engines = new Dictionary<string, PolicyEngine>(StringComparer.Ordinal);
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            DecisionJson answer;
            try
            {
                using var document = JsonDocument.Parse(line);
                var call = HookPayloadReader.Read(document.RootElement, HookDialect.ClaudeCode);
                var request = call.Request ?? throw new FormatException("the payload is not a tool call");
                if (request.Cwd is null && cwd is not null)
                {
                    request = request with { Cwd = cwd };
                }

                var key = request.Cwd ?? "";
                if (!engines.TryGetValue(key, out var engine))
                {
                    engine = new PolicyEngine(PolicySources.Resolve(policyPath, request.Cwd));
                    engines[key] = engine;
                }

                answer = DecisionJson.From(engine.Decide(request));
            }
            catch (Exception e) when (e is JsonException or FormatException or ConfigException)
            {
                answer = new DecisionJson
                {
                    Decision = "deny",
                    ReasonCode = e is ConfigException ? ReasonCodes.PolicyError : ReasonCodes.InvalidInput,
                    Rule = "input",
                    Operations = [],
                    Error = e is ConfigException ? "the policy could not be loaded" : e.Message,
                };
            }

            output.WriteLine(JsonSerializer.Serialize(answer, WireJsonContext.Readable.DecisionJson));
        }

        return ExitCodes.Allow;
    }
}
