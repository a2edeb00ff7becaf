using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock policy test FILE…</c>: runs policy test cases written in YAML (a command or tool call,
/// and the outcome expected), the way <c>opa test</c> does, so a policy's behaviour can be pinned in CI.
/// </summary>
internal static class PolicyTestCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Test files.", Arity = ArgumentArity.OneOrMore };
        var policyOption = new Option<string?>("--policy") { Description = "The policy to test (default: the file's 'policy:' key, else the policy in force)." };
        var command = new Command("test", "Run policy test cases: each names a command or tool call and the outcome it must get.");
        command.Arguments.Add(files);
        command.Options.Add(policyOption);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            int passed = 0, failed = 0;
            foreach (var file in result.GetValue(files) ?? [])
            {
                try
                {
                    foreach (var (name, ok, detail) in Run(file, result.GetValue(policyOption)))
                    {
                        output.WriteLine($"{(ok ? "PASS" : "FAIL")} {file}: {name}{(ok ? "" : $": {detail}")}");
                        if (ok)
                        {
                            passed++;
                        }
                        else
                        {
                            failed++;
                        }
                    }
                }
                catch (Exception e) when (e is ConfigException or IOException or JsonException)
                {
                    error.WriteLine($"{file}: {e.Message}");
                    failed++;
                }
            }

            output.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : ExitCodes.UsageOrError;
        });
        return command;
    }

    private static IEnumerable<(string Name, bool Ok, string Detail)> Run(string file, string? policyOverride)
    {
        var errors = new ConfigErrors(file);
        var root = YamlMap.From(YamlParser.Parse(File.ReadAllText(file), file), errors, "a policy test file")
            ?? throw new ConfigException([new ConfigError(file, 1, "the test file is empty")]);
        var policyPath = policyOverride ?? root.String("policy");
        if (policyPath is not null && policyOverride is null && !Path.IsPathRooted(policyPath))
        {
            policyPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, policyPath);
        }

        var cases = root.Maps("cases").ToList();
        root.RejectUnknownKeys("a policy test file");
        var parsed = cases.Select(c => ReadCase(c, errors)).ToList();
        if (errors.Any)
        {
            throw new ConfigException(errors.All);
        }

        var policy = PolicySources.Resolve(policyPath, cwd: null);
        var engine = new PolicyEngine(policy);
        foreach (var (name, request, expected, reasonCode) in parsed)
        {
            var decision = engine.Decide(request);
            var ok = decision.Outcome == expected && (reasonCode is null || reasonCode == decision.ReasonCode);
            yield return (name, ok, $"expected {EnumNames.Of(expected)}{(reasonCode is null ? "" : $" ({reasonCode})")}, got {EnumNames.Of(decision.Outcome)} ({decision.ReasonCode}) by {decision.Rule}");
        }
    }

    private static (string Name, ActionRequest Request, Outcome Expected, string? ReasonCode) ReadCase(YamlMap map, ConfigErrors errors)
    {
        var command = map.String("command");
        var tool = map.String("tool");
        var input = map.Node("input");
        var cwd = map.String("cwd") ?? "/home/user/project";
        var expected = map.Enum<Outcome>("expect");
        var name = map.String("name") ?? command ?? tool ?? $"line {map.Line}";
        var reasonCode = map.String("reason_code");
        map.RejectUnknownKeys($"the case '{name}'");
        if (expected is null)
        {
            errors.Add(map.Line, $"the case '{name}' needs 'expect' (allow, ask, approve or deny)");
        }

        if (command is null && tool is null)
        {
            errors.Add(map.Line, $"the case '{name}' needs 'command' or 'tool'");
        }

        var request = command is not null
            ? ActionRequest.ForShell(command, cwd)
            : new ActionRequest { Tool = tool ?? "", Input = ToJson(input), Cwd = cwd };
        return (name, request, expected ?? Outcome.Deny, reasonCode);
    }

    private static JsonElement ToJson(YamlNode? node)
    {
        var json = ToNode(node)?.ToJsonString() ?? "{}";
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static JsonNode? ToNode(YamlNode? node) => node switch
    {
        YamlMapping mapping => new JsonObject(mapping.Entries.Select(p => KeyValuePair.Create(p.Key.Value, ToNode(p.Value)))),
        YamlSequence sequence => new JsonArray(sequence.Items.Select(ToNode).ToArray()),
        YamlScalar { Quoted: false, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalar scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
