using System.CommandLine;
using System.CommandLine.Parsing;
using Airlock.Cli.Exec;
using Airlock.Cli.Gateway;
using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock exec [--wait SECONDS] [--plan [--json]] -- COMMAND…</c>: decide a command and run it only
/// when allowed, for scripts, CI jobs and agents without hooks. Exit codes: the command's own, or
/// those of <see cref="ExecExitCodes"/> when Airlock did not run it.
/// </summary>
internal static class ExecCommand
{
    /// <summary>Each gateway call gets this long; an unreachable gateway falls back to the local policy (fail closed).</summary>
    private static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var wait = new Option<int>("--wait") { Description = "With a gateway: wait up to this many seconds for a human to approve a command that needs approval, then run it once." };
        var plan = new Option<bool>("--plan") { Description = "Print what would run and what Airlock would decide (local policy), and run nothing." };
        var json = new Option<bool>("--json") { Description = "With --plan: print the plan as JSON." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: AIRLOCK_POLICY, the user's policy, or the built-in one); with a gateway, used only when it cannot be reached." };
        var words = new Argument<string[]>("command") { Description = "The command, after --. Several words run directly (no shell); one word with spaces or shell syntax is a command line run by bash.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("exec", "Decide a command and run it only when allowed, passing its input, output and exit code through.");
        command.Options.Add(wait);
        command.Options.Add(plan);
        command.Options.Add(json);
        command.Options.Add(policy);
        command.Arguments.Add(words);
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            if (AfterDoubleDash(result) is not { Length: > 0 } given)
            {
                error.WriteLine("airlock: give the command after --, for example: airlock exec -- make deploy");
                return ExecExitCodes.UsageOrError;
            }

            if (result.GetValue(wait) < 0)
            {
                error.WriteLine("airlock: --wait must be 0 or more seconds.");
                return ExecExitCodes.UsageOrError;
            }

            var cwd = Directory.GetCurrentDirectory();
            var policyPath = result.GetValue(policy);
            try
            {
                using var gateway = GatewayClient.FromEnvironment(GatewayTimeout);
                var decider = new CallDecider(request => new PolicyEngine(PolicySources.Resolve(policyPath, request.Cwd)).Decide(request), gateway);
                var runner = new ExecRunner(ExecTarget.From(given, cwd), cwd, decider, error);
                return result.GetValue(plan)
                    ? runner.Plan(result.InvocationConfiguration.Output, result.GetValue(json), gateway is null ? null : Environment.GetEnvironmentVariable(GatewayClient.ServerVariable))
                    : runner.Run(TimeSpan.FromSeconds(result.GetValue(wait)));
            }
            catch (GatewayClientException e)
            {
                error.WriteLine($"airlock: {e.Message}; the command was not run.");
                return ExecExitCodes.UsageOrError;
            }
            catch (ConfigException e)
            {
                error.WriteLine($"airlock: the policy cannot be used ({e.Errors.Count} error(s); run 'airlock policy validate' to see them); the command was not run.");
                return ExecExitCodes.UsageOrError;
            }
        });
        return command;
    }

    /// <summary>
    /// The command's words: exactly the tokens after <c>--</c>, and only when nothing else was taken as
    /// one (an unknown option before <c>--</c> is a usage error, not a program name).
    /// </summary>
    public static string[]? AfterDoubleDash(ParseResult result)
    {
        var tokens = result.Tokens;
        var separator = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                separator = i;
                break;
            }
        }

        if (separator < 0)
        {
            return null;
        }

        var after = tokens.Skip(separator + 1).Select(t => t.Value).ToArray();
        var taken = result.CommandResult.Tokens.Where(t => t.Type == TokenType.Argument).Select(t => t.Value).ToArray();
        return taken.SequenceEqual(after, StringComparer.Ordinal) ? after : null;
    }

    /// <summary>A command line System.CommandLine cannot parse: its errors on stderr and exec's usage exit code, never one a command could return.</summary>
    public static int? ParseErrors(ParseResult result)
    {
        if (result.Errors.Count == 0 || result.CommandResult.Command.Name != "exec")
        {
            return null;
        }

        foreach (var parseError in result.Errors)
        {
            Console.Error.WriteLine($"airlock: {parseError.Message}");
        }

        return ExecExitCodes.UsageOrError;
    }
}
