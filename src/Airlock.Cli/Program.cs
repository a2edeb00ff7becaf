using System.CommandLine;
using Airlock.Cli.Commands;
using Airlock.Cli.Hooks;

// The hook runs before every tool call an agent makes, so it skips building the whole command
// tree: `airlock hook CLIENT [--policy F] [--deadline-ms N]` is read directly (docs/benchmarks.md
// has the start-up measurement). Anything else, including a malformed hook line, goes through
// System.CommandLine, which prints usage and errors.
if (HookFastPath.TryParse(args, out var hook))
{
    return hook.Run();
}

var root = new RootCommand("Airlock: the runtime safety gate between AI agents and the systems they can damage.");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(ExecCommand.Create());
root.Subcommands.Add(McpProxyCommand.Create());
root.Subcommands.Add(HookCommand.Create());
root.Subcommands.Add(InstallCommand.Create(install: true));
root.Subcommands.Add(InstallCommand.Create(install: false));
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(ApprovalsCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(ProxyCommand.Create());
var parsed = root.Parse(args);
return ExecCommand.ParseErrors(parsed) ?? await parsed.InvokeAsync().ConfigureAwait(false);
