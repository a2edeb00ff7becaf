using System.CommandLine;
using Airlock.Cli.Install;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock install CLIENT</c> and <c>airlock uninstall CLIENT</c>: put the hook into a client's settings,
/// or take it out; with <c>--mcp</c>, put the client's stdio MCP servers behind <c>airlock mcp-proxy</c>, or take them out.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(bool install)
    {
        var client = new Argument<string>("client") { Description = "claude-code, cursor, gemini, codex or copilot." };
        client.AcceptOnlyFromAmong([.. ClientHookSpec.All.Keys]);
        var user = new Option<bool>("--user") { Description = "The user's settings, for every project (the default)." };
        var project = new Option<bool>("--project") { Description = "The current project's settings." };
        var hookCommand = new Option<string?>("--command") { Description = "The command the client runs (default: this airlock executable)." };
        var wait = new Option<int>("--wait") { Description = $"With a gateway: let the hook wait up to this many seconds for a human's approval (at most {HookCommand.MaxWaitSeconds}); the client's hook timeout is set 15 s longer." };
        wait.Validators.Add(r => { if (r.GetValue(wait) is < 0 or > HookCommand.MaxWaitSeconds) { r.AddError($"--wait must be between 0 and {HookCommand.MaxWaitSeconds} seconds."); } });
        var mcpDescription = install
            ? "Instead of the hook: run each stdio MCP server the client has configured behind airlock mcp-proxy (claude-code, cursor, gemini)."
            : "Instead of the hook: restore the MCP servers that install --mcp put behind airlock mcp-proxy.";
        var mcp = new Option<bool>("--mcp") { Description = mcpDescription };
        var name = install ? "install" : "uninstall";
        var command = new Command(name, install ? "Add Airlock's hook to a coding agent's settings." : "Remove Airlock's hook from a coding agent's settings.");
        command.Arguments.Add(client);
        command.Options.Add(user);
        command.Options.Add(project);
        command.Options.Add(mcp);
        if (install)
        {
            command.Options.Add(hookCommand);
            command.Options.Add(wait);
        }

        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var spec = ClientHookSpec.All[result.GetValue(client)!];
            if (result.GetValue(user) && result.GetValue(project))
            {
                result.InvocationConfiguration.Error.WriteLine("Choose one of --user and --project.");
                return ExitCodes.UsageOrError;
            }

            if (result.GetValue(mcp))
            {
                return McpServers(result, install, spec.Client, result.GetValue(project), result.GetValue(hookCommand));
            }

            var path = result.GetValue(project)
                ? Path.Combine(Directory.GetCurrentDirectory(), spec.ProjectFile)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), spec.UserFile);
            var run = result.GetValue(hookCommand) ?? SelfCommand();
            // The client must give the hook longer than it may wait for a human, plus the time to decide.
            var waitSeconds = install ? result.GetValue(wait) : 0;
            var installer = waitSeconds > 0
                ? new HookInstaller(spec, path, $"{run} hook {spec.Client} --wait {waitSeconds}", Math.Max(ClientHookSpec.DefaultTimeoutSeconds, waitSeconds + 15))
                : new HookInstaller(spec, path, $"{run} hook {spec.Client}");
            try
            {
                var changed = install ? installer.Install() : installer.Uninstall();
                output.WriteLine(changed
                    ? $"{(install ? "Installed Airlock's hook in" : "Removed Airlock's hook from")} {path}{(File.Exists(path + ".airlock-backup") ? $" (previous file kept as {path}.airlock-backup)" : "")}."
                    : $"Nothing to change in {path}.");
                return 0;
            }
            catch (Exception e) when (e is InstallException or IOException or UnauthorizedAccessException)
            {
                result.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }

    private static int McpServers(ParseResult result, bool install, string client, bool project, string? command)
    {
        var output = result.InvocationConfiguration.Output;
        if (!McpConfigSpec.All.TryGetValue(client, out var spec))
        {
            result.InvocationConfiguration.Error.WriteLine($"--mcp works with {string.Join(", ", McpConfigSpec.All.Keys)}; {client}'s MCP servers are not rewritten.");
            return ExitCodes.UsageOrError;
        }

        var path = project
            ? Path.Combine(Directory.GetCurrentDirectory(), spec.ProjectFile)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), spec.UserFile);
        var installer = new McpServersInstaller(path, command is null ? SelfWords() : [command]);
        try
        {
            var outcome = install ? installer.Install() : installer.Uninstall();
            output.WriteLine(outcome.Changed
                ? $"{(install ? "Put MCP servers behind airlock mcp-proxy in" : "Restored MCP servers in")} {path} (previous file kept as {path}.airlock-backup):"
                : $"Nothing to change in {path}{(outcome.Lines.Count > 0 ? ":" : ".")}");
            foreach (var line in outcome.Lines)
            {
                output.WriteLine(line);
            }

            return 0;
        }
        catch (Exception e) when (e is InstallException or IOException or UnauthorizedAccessException)
        {
            result.InvocationConfiguration.Error.WriteLine(e.Message);
            return ExitCodes.UsageOrError;
        }
    }

    /// <summary>How to run this same executable: its absolute path, or <c>dotnet path/airlock.dll</c> when run through dotnet.</summary>
    private static string SelfCommand() => string.Join(' ', SelfWords().Select(Quote));

    /// <summary>The same, as the words of an argument vector (MCP server entries take the program and its arguments apart).</summary>
    private static string[] SelfWords()
    {
        var process = Environment.ProcessPath ?? "airlock";
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [process, typeof(InstallCommand).Assembly.Location]
            : [process];
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
