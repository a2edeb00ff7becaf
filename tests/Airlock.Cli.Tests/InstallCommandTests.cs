using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests;

/// <summary><c>airlock install</c> / <c>uninstall</c> against a throw-away home folder.</summary>
public sealed class InstallCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), $"airlock-home-{Guid.NewGuid():N}");

    public InstallCommandTests() => Directory.CreateDirectory(_home);

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private ProcessResult Airlock(params string[] args) => AirlockProcess.Run(args, environment: new Dictionary<string, string> { ["HOME"] = _home, ["USERPROFILE"] = _home });

    [Fact]
    public void InstallClaudeCode_KeepsOtherSettingsAndHooks_AndIsIdempotent()
    {
        var settings = Path.Combine(_home, ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, """
            {
              // a comment Claude Code tolerates
              "model": "opus",
              "hooks": { "PreToolUse": [ { "matcher": "Write", "hooks": [ { "type": "command", "command": "prettier-hook" } ] } ] }
            }
            """);

        Assert.Equal(0, Airlock("install", "claude-code").ExitCode);
        var once = File.ReadAllText(settings);
        Assert.Equal(0, Airlock("install", "claude-code").ExitCode);
        Assert.Equal(once, File.ReadAllText(settings));

        var json = JsonNode.Parse(once)!;
        Assert.Equal("opus", json["model"]!.GetValue<string>());
        var entries = json["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal("prettier-hook", entries[0]!["hooks"]![0]!["command"]!.GetValue<string>());
        var ours = entries[1]!;
        Assert.Matches("Bash.*PowerShell.*Read.*Write.*Edit.*mcp__", ours["matcher"]!.GetValue<string>());
        Assert.Equal("block", ours["hooks"]![0]!["onFailure"]!.GetValue<string>());
        Assert.EndsWith("hook claude-code", ours["hooks"]![0]!["command"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(settings + ".airlock-backup"));
    }

    [Fact]
    public void InstallWithWait_HookWaitsAndTheClientTimeoutCoversIt_ReinstallReplacesIt()
    {
        Assert.Equal(0, Airlock("install", "claude-code", "--wait", "60").ExitCode);
        var settings = Path.Combine(_home, ".claude", "settings.json");
        var handler = JsonNode.Parse(File.ReadAllText(settings))!["hooks"]!["PreToolUse"]![0]!["hooks"]![0]!;
        Assert.EndsWith("hook claude-code --wait 60", handler["command"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(75, handler["timeout"]!.GetValue<int>());

        Assert.Equal(0, Airlock("install", "gemini", "--wait", "60").ExitCode);
        var gemini = JsonNode.Parse(File.ReadAllText(Path.Combine(_home, ".gemini", "settings.json")))!["hooks"]!["BeforeTool"]![0]!["hooks"]![0]!;
        Assert.Equal(75000, gemini["timeout"]!.GetValue<int>());

        Assert.Equal(0, Airlock("install", "claude-code").ExitCode);
        var entries = JsonNode.Parse(File.ReadAllText(settings))!["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Single(entries);
        Assert.Equal(30, entries[0]!["hooks"]![0]!["timeout"]!.GetValue<int>());
        Assert.NotEqual(0, Airlock("install", "claude-code", "--wait", "9999").ExitCode);
    }

    [Fact]
    public void UninstallClaudeCode_RemovesOnlyAirlock()
    {
        var settings = Path.Combine(_home, ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, """{"hooks":{"PreToolUse":[{"matcher":"Write","hooks":[{"type":"command","command":"prettier-hook"}]}]}}""");
        Airlock("install", "claude-code");
        Assert.Equal(0, Airlock("uninstall", "claude-code").ExitCode);
        var entries = JsonNode.Parse(File.ReadAllText(settings))!["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Single(entries);
        Assert.Equal("prettier-hook", entries[0]!["hooks"]![0]!["command"]!.GetValue<string>());
    }

    [Fact]
    public void InstallCursor_SetsFailClosedOnEveryGatedEvent()
    {
        Assert.Equal(0, Airlock("install", "cursor").ExitCode);
        var hooks = JsonNode.Parse(File.ReadAllText(Path.Combine(_home, ".cursor", "hooks.json")))!;
        Assert.Equal(1, hooks["version"]!.GetValue<int>());
        foreach (var name in new[] { "beforeShellExecution", "beforeMCPExecution", "beforeReadFile" })
        {
            Assert.True(hooks["hooks"]![name]![0]!["failClosed"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData("gemini", ".gemini/settings.json", "BeforeTool")]
    [InlineData("codex", ".codex/hooks.json", "PreToolUse")]
    [InlineData("copilot", ".copilot/hooks/airlock.json", "preToolUse")]
    public void Install_WritesTheClientsHookAndUninstallTakesItOut(string client, string file, string eventName)
    {
        Assert.Equal(0, Airlock("install", client).ExitCode);
        var path = Path.Combine(_home, file);
        Assert.Single(JsonNode.Parse(File.ReadAllText(path))!["hooks"]![eventName]!.AsArray());
        Assert.Equal(0, Airlock("uninstall", client).ExitCode);
        Assert.Empty(JsonNode.Parse(File.ReadAllText(path))!["hooks"]![eventName]!.AsArray());
    }

    [Fact]
    public void Install_InvalidSettingsFile_IsLeftUntouched()
    {
        var settings = Path.Combine(_home, ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, "{ \"hooks\": [ broken");
        var result = Airlock("install", "claude-code");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not valid JSON", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("{ \"hooks\": [ broken", File.ReadAllText(settings));
    }

    [Fact]
    public void InstalledClaudeCodeHook_RunsAndDenies()
    {
        Airlock("install", "claude-code");
        var command = JsonNode.Parse(File.ReadAllText(Path.Combine(_home, ".claude", "settings.json")))!["hooks"]!["PreToolUse"]![0]!["hooks"]![0]!["command"]!.GetValue<string>();
        // The installed command line names this very executable; run it the way Claude Code does, through sh -c.
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Write(Payloads.Shell("claude-code", "rm -rf ~"));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", new ProcessResult(stdout, "", process.ExitCode)));
    }
}
