using System.CommandLine;
using Airlock.Cli.Hooks;

namespace Airlock.Cli.Commands;

/// <summary><c>airlock hook CLIENT</c>: the pre-tool hook each coding agent runs, speaking that client's protocol.</summary>
internal static class HookCommand
{
    public const int DefaultDeadlineMilliseconds = 8000;

    /// <summary>The longest --wait: it must stay inside the client's hook timeout, which the installer sets to match.</summary>
    public const int MaxWaitSeconds = 600;

    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "claude-code, cursor, gemini, codex or copilot." };
        client.AcceptOnlyFromAmong([.. HookDialects.ByClientName.Keys]);
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: AIRLOCK_POLICY, the user's policy, or the built-in one)." };
        var deadline = new Option<int>("--deadline-ms") { Description = "Answer deny if no decision is reached within this many milliseconds.", DefaultValueFactory = _ => DefaultDeadlineMilliseconds };
        var command = new Command("hook", "Run as a coding agent's pre-tool hook: read the client's payload on stdin, answer in its format.");
        command.Arguments.Add(client);
        command.Options.Add(policy);
        command.Options.Add(deadline);
        var wait = new Option<int>("--wait") { Description = $"With a gateway: wait up to this many seconds (at most {MaxWaitSeconds}) for a human to approve; keep it below the client's hook timeout." };
        wait.Validators.Add(r => { if (r.GetValue(wait) is < 0 or > MaxWaitSeconds) { r.AddError($"--wait must be between 0 and {MaxWaitSeconds} seconds."); } });
        command.Options.Add(wait);
        command.SetAction(result =>
        {
            var dialect = HookDialects.ByClientName[result.GetValue(client)!];
            var runner = new HookRunner(dialect, result.GetValue(policy), TimeSpan.FromMilliseconds(Math.Max(100, result.GetValue(deadline))), TimeSpan.FromSeconds(result.GetValue(wait)));
            using var stdin = Console.OpenStandardInput();
            var response = runner.Run(stdin);
            result.InvocationConfiguration.Output.Write(response.Stdout);
            if (response.Stderr.Length > 0)
            {
                result.InvocationConfiguration.Error.Write(response.Stderr);
            }

            return response.ExitCode;
        });
        return command;
    }
}
