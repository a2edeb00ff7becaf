using System.CommandLine;
using Airlock.Cli.Install;

namespace Airlock.Cli.Commands;

/// <summary><c>airlock install CLIENT</c> and <c>airlock uninstall CLIENT</c>: put the hook into a client's settings, or take it out.</summary>
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
        var name = install ? "install" : "uninstall";
        var command = new Command(name, install ? "Add Airlock's hook to a coding agent's settings." : "Remove Airlock's hook from a coding agent's settings.");
        command.Arguments.Add(client);
        command.Options.Add(user);
        command.Options.Add(project);
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

    /// <summary>How to run this same executable: its absolute path, or <c>dotnet path/airlock.dll</c> when run through dotnet.</summary>
    private static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "airlock";
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Quote(process)} {Quote(typeof(InstallCommand).Assembly.Location)}";
        }

        return Quote(process);
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
