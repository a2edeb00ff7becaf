namespace Airlock.Cli.Tests;

/// <summary><c>airlock policy …</c>, and policies found in the agent's working tree.</summary>
public sealed class PolicyCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"airlock-policy-{Guid.NewGuid():N}");

    public PolicyCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Validate_ReportsEveryErrorWithItsLine()
    {
        var path = Write("bad.yaml", """
            version: 1
            rules:
              - id: one
                outcome: perhaps
              - outcome: deny
                verb: [explode]
            tiers:
              - { id: t, radius: [galactic], outcome: allow }
            surprise: true
            """);
        var result = AirlockProcess.Run(["policy", "validate", path]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.yaml:4:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("perhaps", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("needs an 'id'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("explode", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("galactic", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("unknown key 'surprise'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InitThenValidate_StarterPolicyIsValid()
    {
        var path = Path.Combine(_folder, "policy.yaml");
        Assert.Equal(0, AirlockProcess.Run(["policy", "init", "--output", path]).ExitCode);
        Assert.Equal(0, AirlockProcess.Run(["policy", "validate", path]).ExitCode);
        Assert.Equal(1, AirlockProcess.Run(["policy", "init", "--output", path]).ExitCode);
    }

    [Fact]
    public void Test_RunsCasesAndPrintsTheClosingCount()
    {
        var policy = Write("policy.yaml", """
            version: 1
            require_approval_for: ["database.*"]
            blocked_tools: ["mcp__*__delete*"]
            """);
        var tests = Write("policy_test.yaml", """
            policy: policy.yaml
            cases:
              - name: local drop needs approval under this policy
                command: psql -c 'DROP TABLE t'
                expect: approve
              - name: listing is fine
                command: ls
                expect: allow
              - name: MCP delete tools are blocked
                tool: mcp__github__delete_file
                input: { path: README.md }
                expect: deny
              - name: this one is wrong on purpose
                command: rm -rf ~
                expect: allow
            """);
        var result = AirlockProcess.Run(["policy", "test", tests]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3 passed, 1 failed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL", result.Stdout, StringComparison.Ordinal);
        _ = policy;
    }

    [Fact]
    public void ProjectPolicy_CannotLoosenTheBuiltInPolicy()
    {
        Write(".airlock/policy.yaml", """
            version: 1
            exceptions:
              - id: let-me
                verb: [delete, credential-access]
            tiers:
              - { id: everything, outcome: allow }
            """);
        var result = AirlockProcess.Run(["check", "--cwd", _folder, "--", "rm -rf ~ ; cat ~/.aws/credentials"]);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void ProjectPolicy_CanTighten()
    {
        Write(".airlock/policy.yaml", """
            version: 1
            rules:
              - id: no-pushing-from-here
                kind: ["git.push*"]
                outcome: deny
            """);
        var result = AirlockProcess.Run(["check", "--cwd", _folder, "--json", "--", "git", "push", "origin", "feature/x"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-pushing-from-here", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_ListsTheReasonCodes()
    {
        var result = AirlockProcess.Run(["policy", "show"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("production_destructive", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Source: built-in", result.Stdout, StringComparison.Ordinal);
    }
}
