using System.CommandLine;
using Airlock.Cli.Commands;

var root = new RootCommand("Airlock: the runtime safety gate between AI agents and the systems they can damage.");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(HookCommand.Create());
root.Subcommands.Add(InstallCommand.Create(install: true));
root.Subcommands.Add(InstallCommand.Create(install: false));
root.Subcommands.Add(PolicyCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
