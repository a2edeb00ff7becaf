using System.Globalization;

namespace Airlock.Cli.Hooks;

/// <summary>The hook's command line, read without building the full command tree.</summary>
internal sealed class HookFastPath
{
    private readonly HookRunner _runner;
    private readonly HookDialect _dialect;
    private readonly string? _error;

    private HookFastPath(HookRunner runner, HookDialect dialect, string? error)
    {
        _runner = runner;
        _dialect = dialect;
        _error = error;
    }

    /// <summary>
    /// Takes every <c>hook CLIENT …</c> line. An option it does not know is answered with a deny in the
    /// client's format rather than a usage error, which most clients would treat as "let it through".
    /// </summary>
    public static bool TryParse(string[] args, out HookFastPath hook)
    {
        hook = null!;
        if (args.Length < 2 || args[0] != "hook" || !HookDialects.ByClientName.TryGetValue(args[1], out var dialect))
        {
            return false;
        }

        string? policy = null;
        var deadline = Commands.HookCommand.DefaultDeadlineMilliseconds;
        var wait = 0;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--policy" when i + 1 < args.Length:
                    policy = args[++i];
                    break;
                case "--deadline-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value):
                    deadline = value;
                    i++;
                    break;
                case "--wait" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= Commands.HookCommand.MaxWaitSeconds:
                    wait = seconds;
                    i++;
                    break;
                default:
                    hook = new HookFastPath(new HookRunner(dialect, policy, TimeSpan.FromMilliseconds(deadline)), dialect, $"the hook was installed with an argument Airlock does not know ('{args[i]}')");
                    return true;
            }
        }

        hook = new HookFastPath(new HookRunner(dialect, policy, TimeSpan.FromMilliseconds(Math.Max(100, deadline)), TimeSpan.FromSeconds(wait)), dialect, null);
        return true;
    }

    public int Run()
    {
        using var stdin = Console.OpenStandardInput();
        var response = _error is null
            ? _runner.Run(stdin)
            : HookRunner.Refuse(_dialect, Policy.ReasonCodes.InvalidInput, $"{_error}, so the call is refused; run 'airlock install' again.");
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(System.Text.Encoding.UTF8.GetBytes(response.Stdout));
        if (response.Stderr.Length > 0)
        {
            Console.Error.Write(response.Stderr);
        }

        return response.ExitCode;
    }
}
