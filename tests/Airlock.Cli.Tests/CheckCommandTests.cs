using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests;

/// <summary><c>airlock check</c> and <c>airlock explain</c> through the real executable.</summary>
public sealed class CheckCommandTests
{
    [Theory]
    [InlineData(0, "ls", "-la")]
    [InlineData(2, "rm", "-rf", "/")]
    [InlineData(3, "git", "reset", "--hard")]
    [InlineData(4, "psql", "-h", "db.prod.example.com", "-c", "DROP TABLE users")]
    public void Check_ExitCode_SaysTheOutcome(int exitCode, params string[] command)
    {
        var result = AirlockProcess.Run(["check", "--cwd", "/home/dev/project", "--", .. command]);
        Assert.Equal(exitCode, result.ExitCode);
    }

    [Fact]
    public void Check_OneQuotedCommandLine_IsParsedAsAShellCommand()
    {
        var result = AirlockProcess.Run(["check", "--", "cd / && rm -rf *"]);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Check_Json_HasTheDecisionFieldsAProgramReads()
    {
        var result = AirlockProcess.Run(["check", "--json", "--", "npx", "drizzle-kit", "push", "--force"]);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("approve", json["decision"]!.GetValue<string>());
        Assert.Equal("production_destructive", json["reason_code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["rule"]!.GetValue<string>()));
        Assert.Equal("database.schema.push.force", json["operations"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Check_ToolCall_IsDecidedLikeAHookWould()
    {
        var result = AirlockProcess.Run(["check", "--tool", "Read", "--input", """{"file_path":"~/.aws/credentials"}""", "--json"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("credential_access", JsonNode.Parse(result.Stdout)!["reason_code"]!.GetValue<string>());
    }

    [Fact]
    public void Check_NoCommand_IsAUsageError()
    {
        var result = AirlockProcess.Run(["check"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidToolInput_IsAUsageError()
    {
        var result = AirlockProcess.Run(["check", "--tool", "Read", "--input", "{nope"]);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void CheckBatch_WritesOneDecisionPerPayloadLine()
    {
        var lines = string.Join('\n',
            Payloads.Shell("claude-code", "ls"),
            Payloads.Shell("claude-code", "rm -rf ~"),
            "{not json",
            Payloads.Shell("claude-code", "kubectl --context prod-eu delete deployment api"));
        var result = AirlockProcess.Run(["check", "--batch"], lines);
        var answers = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["allow", "deny", "deny", "approve"], answers.Select(a => a["decision"]!.GetValue<string>()));
        Assert.Equal("invalid_input", answers[2]["reason_code"]!.GetValue<string>());
        Assert.All(answers, a => Assert.NotNull(a["operations"]));
    }

    [Fact]
    public void Explain_ShowsTheUnwrappingAndTheRuleThatFired()
    {
        var result = AirlockProcess.Run(["explain", "--", "sudo env FOO=1 bash -c 'rm -rf /var/lib/postgresql'"]);
        Assert.Contains("bash -c runs: rm -rf /var/lib/postgresql", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("file.delete.recursive", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("outside-project", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, result.ExitCode);
    }
}
