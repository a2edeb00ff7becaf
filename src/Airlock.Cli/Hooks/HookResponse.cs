namespace Airlock.Cli.Hooks;

/// <summary>What the hook process prints and how it exits.</summary>
internal sealed record HookResponse(string Stdout, string Stderr, int ExitCode);
