using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Airlock.Cli.Tests.Gateway;

namespace Airlock.Cli.Tests.Exec;

/// <summary><c>airlock exec</c> through the real executable: what runs, what does not, and what passes through.</summary>
public sealed class ExecCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"airlock-exec-{Guid.NewGuid():N}");

    public ExecCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RawProcessResult Exec(string[] args, byte[]? stdin = null, IDictionary<string, string>? environment = null) =>
        AirlockProcess.RunRaw(["exec", .. args], stdin, environment, _folder);

    [Fact]
    public void AllowedCommand_BinaryInputAndOutput_PassThroughByteForByte()
    {
        var bytes = new byte[256 * 1024];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7 + (i >> 8));
        }

        var result = Exec(["--", "cat"], bytes);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(bytes, result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void AllowedCommand_NonZeroExit_StdoutStderrAndExitCodeAreTheCommands()
    {
        var result = Exec(["--", "sh", "-c", """printf 'out\000\377\n'; printf 'err\r\n' >&2; exit 7"""]);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal([(byte)'o', (byte)'u', (byte)'t', 0, 0xFF, (byte)'\n'], result.Stdout);
        Assert.Equal("err\r\n"u8.ToArray(), result.Stderr);
    }

    [Fact]
    public void OneWordWithShellSyntax_RunsAsACommandLine()
    {
        var result = Exec(["--", "printf abc | tr a-c x-z"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("xyz"u8.ToArray(), result.Stdout);
    }

    [Fact]
    public void DeniedCommand_DoesNotRun_AndSaysWhyOnStderr()
    {
        // If it ran, it would create the marker before reading the key.
        var result = Exec(["--", "sh", "-c", "touch marker && cat ~/.ssh/id_ed25519"]);

        Assert.Equal(121, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "marker")));
        Assert.Empty(result.Stdout);
        Assert.Contains("not run: refused (credential_access)", result.StderrText, StringComparison.Ordinal);
        Assert.Contains("Do not retry it in another form", result.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void DeniedCommandLine_InOneWord_IsAnalyzedAsTheScriptItRuns()
    {
        var result = Exec(["--", "touch marker; cat ~/.aws/credentials > /dev/null"]);

        Assert.Equal(121, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "marker")));
    }

    [Fact]
    public void Plan_PrintsWhatWouldRunAndTheDecision_AndRunsNothing()
    {
        var allowed = Exec(["--plan", "--", "touch", "marker"]);
        Assert.Equal(0, allowed.ExitCode);
        var text = Encoding.UTF8.GetString(allowed.Stdout);
        Assert.Contains("Would run: /", text, StringComparison.Ordinal);
        Assert.Contains("touch marker", text, StringComparison.Ordinal);
        Assert.Contains("allow (", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "marker")));

        var denied = Exec(["--plan", "--json", "--", "touch marker && cat ~/.ssh/id_rsa"]);
        Assert.Equal(121, denied.ExitCode);
        var plan = JsonNode.Parse(denied.Stdout)!;
        Assert.True(plan["shell"]!.GetValue<bool>());
        Assert.Equal("touch marker && cat ~/.ssh/id_rsa", plan["analyzed"]!.GetValue<string>());
        Assert.Equal("deny", plan["decision"]!["decision"]!.GetValue<string>());
        Assert.Contains(plan["decision"]!["operations"]!.AsArray(), o => o!["kind"]!.GetValue<string>() == "credential.read");
        Assert.False(File.Exists(Path.Combine(_folder, "marker")));
    }

    [Fact]
    public void NeedsConfirmation_IsRefusedWithItsOwnExitCode_ForExecCannotAsk()
    {
        var result = Exec(["--", "git", "reset", "--hard"]);

        Assert.Equal(122, result.ExitCode);
        Assert.Contains("needs a person's confirmation (local_irreversible)", result.StderrText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM", 42)]
    [InlineData("INT", 43)]
    public async Task SignalToAirlock_IsPassedOnToTheCommand_WhoseExitCodeComesThrough(string signal, int expected)
    {
        var start = AirlockProcess.StartInfo(["exec", "--", "sh", "-c", "trap 'exit 42' TERM; trap 'exit 43' INT; echo started; while :; do sleep 0.1; done"]);
        start.WorkingDirectory = _folder;
        start.RedirectStandardInput = true;
        using var exec = Process.Start(start)!;
        exec.StandardInput.Close();
        Assert.Equal("started", await exec.StandardOutput.ReadLineAsync());

        using (var kill = Process.Start("kill", ["-" + signal, exec.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await exec.WaitForExitAsync(limit.Token);
        Assert.Equal(expected, exec.ExitCode);
    }

    [Fact]
    public void NeedsApproval_WithoutAGateway_IsRefusedWithItsOwnExitCode()
    {
        var result = Exec(["--", "psql", "postgres://prod-db.example.com/app", "-c", "DROP TABLE users"]);

        Assert.Equal(123, result.ExitCode);
        Assert.Contains("no Airlock gateway is configured", result.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void NeedsApproval_GatewayUnreachable_FailsClosed()
    {
        var environment = new Dictionary<string, string> { ["AIRLOCK_SERVER"] = "http://127.0.0.1:9", ["AIRLOCK_TOKEN"] = "alk_agent_unreachable" };

        var held = Exec(["--", "psql", "postgres://prod-db.example.com/app", "-c", "DROP TABLE users"], environment: environment);
        Assert.Equal(123, held.ExitCode);
        Assert.Contains("approval_unavailable", held.StderrText, StringComparison.Ordinal);

        // What the local policy allows still runs.
        var allowed = Exec(["--", "printf", "ok"], environment: environment);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal("ok"u8.ToArray(), allowed.Stdout);
    }

    [Fact]
    public void UnknownProgram_AndMissingSeparator_AreAirlocksOwnExitCodes()
    {
        Assert.Equal(127, Exec(["--", "airlock-no-such-program"]).ExitCode);
        Assert.Equal(125, Exec(["printf", "x"]).ExitCode);
        Assert.Equal(125, Exec(["--bogus", "--", "printf", "x"]).ExitCode);
    }

    [Fact]
    public async Task NeedsApproval_WithAGateway_WaitsForAnApproverThenRunsExactlyOnce_AndTheNextRunIsHeldAgain()
    {
        const string Policy = """
            version: 1
            rules:
              - id: releases-need-approval
                command: ["*release.sh*"]
                outcome: approve
            """;
        using var gateway = GatewayProcess.Start(policy: Policy);
        var environment = gateway.HookEnvironment(gateway.CreateToken("agent", "ci-bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var script = Path.Combine(_folder, "release.sh");
        File.WriteAllText(script, "#!/bin/sh\necho released >> released.log\n");
        Assert.False(OperatingSystem.IsWindows(), "exec runs POSIX programs");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var log = Path.Combine(_folder, "released.log");

        var start = AirlockProcess.StartInfo(["exec", "--wait", "120", "--", "./release.sh"], environment);
        start.WorkingDirectory = _folder;
        start.RedirectStandardInput = true;
        using var waiting = Process.Start(start)!;
        var stderr = waiting.StandardError.ReadToEndAsync();
        var stdout = waiting.StandardOutput.ReadToEndAsync();
        waiting.StandardInput.Close();

        var pending = WaitFor(() => GatewayJson.Get(alice, "v1/approvals?status=pending").Body!.AsArray().FirstOrDefault(), "the approval request");
        Assert.False(File.Exists(log));
        var id = pending!["id"]!.GetValue<string>();
        Assert.Equal("./release.sh", pending["command"]!.GetValue<string>());
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject { ["reason"] = "release day" }).Status);

        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await waiting.WaitForExitAsync(limit.Token);
        }

        var errors = await stderr;
        Assert.True(waiting.ExitCode == 0, errors);
        Assert.Equal(["released"], File.ReadAllLines(log));
        Assert.Contains($"approval request {id}", errors, StringComparison.Ordinal);
        Assert.Contains($"airlock approvals approve {id}", errors, StringComparison.Ordinal);
        Assert.Empty(await stdout);
        Assert.Equal("consumed", GatewayJson.Get(alice, $"v1/approvals/{id}").Body!["status"]!.GetValue<string>());
        var execution = Assert.Single(GatewayJson.AuditRecords(alice, "execution"));
        Assert.Equal("completed", execution["status"]!.GetValue<string>());
        Assert.Equal(0, execution["exit_code"]!.GetValue<int>());

        var again = AirlockProcess.RunRaw(["exec", "--", "./release.sh"], environment: environment, workingDirectory: _folder);
        Assert.Equal(123, again.ExitCode);
        Assert.Contains("approval request apr_", again.StderrText, StringComparison.Ordinal);
        Assert.DoesNotContain(id, again.StderrText, StringComparison.Ordinal);
        Assert.Equal(["released"], File.ReadAllLines(log));
    }

    [Fact]
    public void AllowedByTheGateway_TheOutcomeIsReportedAndLinkedToTheDecision()
    {
        using var gateway = GatewayProcess.Start();
        var environment = gateway.HookEnvironment(gateway.CreateToken("agent", "ci-bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));

        var failed = Exec(["--", "sh", "-c", "printf done; exit 3"], environment: environment);
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("done"u8.ToArray(), failed.Stdout);
        Assert.Empty(failed.Stderr);
        Assert.Equal(127, Exec(["--", "airlock-no-such-program"], environment: environment).ExitCode);

        var decisions = GatewayJson.AuditRecords(alice, "decision").Select(d => d["decision_id"]!.GetValue<string>()).ToList();
        var executions = GatewayJson.AuditRecords(alice, "execution");
        Assert.Equal(2, executions.Count);
        Assert.Equal(decisions, executions.Select(e => e["decision_id"]!.GetValue<string>()));
        Assert.Equal("failed", executions[0]["status"]!.GetValue<string>());
        Assert.Equal(3, executions[0]["exit_code"]!.GetValue<int>());
        Assert.Equal("not_started", executions[1]["status"]!.GetValue<string>());
        Assert.All(executions, e => Assert.Equal("exec", e["client"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AllowedByTheGateway_AReportThatCannotBeDelivered_IsAWarningAndNeverTheExitCode()
    {
        using var gateway = GatewayProcess.Start();
        var environment = gateway.HookEnvironment(gateway.CreateToken("agent", "ci-bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var start = AirlockProcess.StartInfo(["exec", "--", "sh", "-c", "while [ ! -e go ]; do sleep 0.05; done; printf ran; exit 4"], environment);
        start.WorkingDirectory = _folder;
        start.RedirectStandardInput = true;
        using var exec = Process.Start(start)!;
        var stdout = exec.StandardOutput.ReadToEndAsync();
        var stderr = exec.StandardError.ReadToEndAsync();
        exec.StandardInput.Close();

        // Once the gateway has decided, it goes away; then the command finishes.
        WaitFor(() => GatewayJson.AuditRecords(alice, "decision").FirstOrDefault(), "the decision");
        gateway.Kill();
        await File.WriteAllTextAsync(Path.Combine(_folder, "go"), "");
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await exec.WaitForExitAsync(limit.Token);
        }

        Assert.Equal(4, exec.ExitCode);
        Assert.Equal("ran", await stdout);
        Assert.Contains("airlock: warning: the outcome of dec_", await stderr, StringComparison.Ordinal);
    }

    private static T WaitFor<T>(Func<T?> probe, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"waited 60 s for {what}");
    }
}
