using System.Diagnostics;

namespace Airlock.Cli.Tests.Mcp;

/// <summary>
/// The real MCP servers the end-to-end tests run, from npm: pinned by <c>tests/mcp-servers/package-lock.json</c>
/// and installed into that folder (<c>.ci/run</c> does it; a test that finds it missing runs the same <c>npm ci</c>).
/// </summary>
internal static class McpTestServers
{
    private static readonly Lazy<string> Filesystem = new(InstallFilesystem);

    /// <summary>The entry script of <c>@modelcontextprotocol/server-filesystem</c>, run with <c>node</c>.</summary>
    public static string FilesystemEntry => Filesystem.Value;

    private static string InstallFilesystem()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "mcp-servers");
        var entry = Path.Combine(folder, "node_modules", "@modelcontextprotocol", "server-filesystem", "dist", "index.js");
        if (File.Exists(entry))
        {
            return entry;
        }

        var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in (string[])["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            npm.Kill(entireProcessTree: true);
        }

        Assert.True(File.Exists(entry), $"npm ci in {folder} did not install the MCP filesystem server (exit {(npm.HasExited ? npm.ExitCode : -1)}):\n{output.Result}\n{errors.Result}");
        return entry;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Airlock.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Airlock.slnx) is not above the test folder.");
    }
}
