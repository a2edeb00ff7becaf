using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests;

/// <summary>Every supported client, through the real executable, with that client's real payloads and answer format.</summary>
public sealed class HookProtocolTests
{
    public static TheoryData<string> Clients => ["claude-code", "cursor", "gemini", "codex", "copilot"];

    // What each client can express: Gemini and Codex have no confirmation prompt, so "ask" arrives as a deny.
    private static string Expected(string client, string outcome) => (client, outcome) switch
    {
        (_, "approve") => "deny",
        ("gemini" or "codex", "ask") => "deny",
        _ => outcome,
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_CatastrophicCommand_IsDeniedInTheClientsFormat(string client)
    {
        var result = AirlockProcess.Run(["hook", client], Payloads.Shell(client, "rm -rf ~/"));
        Assert.Equal("deny", HookAnswer.Outcome(client, result));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_ReadOnlyCommand_IsAllowedInTheClientsFormat(string client)
    {
        var result = AirlockProcess.Run(["hook", client], Payloads.Shell(client, "git status && ls -la"));
        Assert.Equal("allow", HookAnswer.Outcome(client, result));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_IrreversibleLocalCommand_AsksWhereTheClientCan(string client)
    {
        var result = AirlockProcess.Run(["hook", client], Payloads.Shell(client, "git reset --hard HEAD~3"));
        Assert.Equal(Expected(client, "ask"), HookAnswer.Outcome(client, result));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_RailwayVolumeDelete_NeedsApprovalAndWithoutAGatewayIsDenied(string client)
    {
        const string command = """curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -H "Content-Type: application/json" -d '{"query":"mutation { volumeDelete(volumeId: \"3d9e\") }"}'""";
        var result = AirlockProcess.Run(["hook", client], Payloads.Shell(client, command));
        Assert.Equal(Expected(client, "approve"), HookAnswer.Outcome(client, result));
        Assert.Contains("AIRLOCK_SERVER", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_MalformedJson_IsAWellFormedDeny(string client)
    {
        var result = AirlockProcess.Run(["hook", client], "{\"tool_name\": \"Bash\", \"tool_input\": {\"command\": ");
        Assert.Equal("deny", HookAnswer.Outcome(client, result));
        Assert.Contains("invalid_input", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_EmptyInput_IsAWellFormedDeny(string client)
    {
        var result = AirlockProcess.Run(["hook", client], "");
        Assert.Equal("deny", HookAnswer.Outcome(client, result));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_HugeInput_IsNeverAllowedForBeingHuge(string client)
    {
        var command = "echo start; " + string.Concat(Enumerable.Repeat("rm -rf ./a && ", 200_000)) + "true";
        var result = AirlockProcess.Run(["hook", client], Payloads.Shell(client, command));
        Assert.NotEqual("allow", HookAnswer.Outcome(client, result));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_PayloadWithoutAToolName_IsAWellFormedDeny(string client)
    {
        var result = AirlockProcess.Run(["hook", client], """{"hook_event_name":"PreToolUse","session_id":"s"}""");
        Assert.Equal("deny", HookAnswer.Outcome(client, result));
    }

    [Theory]
    [InlineData("claude-code.read", "file_path")]
    [InlineData("gemini.read_file", "file_path")]
    [InlineData("copilot.view", "path")]
    public void Hook_ReadingACredentialStore_IsDenied(string payload, string field)
    {
        var client = payload.Split('.')[0];
        var json = Payloads.Load(payload);
        if (client == "copilot")
        {
            json["toolArgs"] = new JsonObject { [field] = "/home/user/.aws/credentials" }.ToJsonString();
        }
        else
        {
            json["tool_input"]![field] = "/home/user/.aws/credentials";
        }

        var result = AirlockProcess.Run(["hook", client], json.ToJsonString());
        Assert.Equal("deny", HookAnswer.Outcome(client, result));
        Assert.Contains("credential_access", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Hook_CursorReadOfACredentialStore_IsDeniedWithoutAsk()
    {
        var json = Payloads.Load("cursor.beforeReadFile");
        json["file_path"] = "/home/user/.ssh/id_ed25519";
        var result = AirlockProcess.Run(["hook", "cursor"], json.ToJsonString());
        Assert.Equal("deny", HookAnswer.Outcome("cursor", result));
    }

    [Fact]
    public void Hook_CursorMcpCallWithJsonStringArguments_IsAnalyzed()
    {
        var json = Payloads.Load("cursor.beforeMCPExecution");
        json["tool_name"] = "execute_sql";
        json["tool_input"] = new JsonObject { ["sql"] = "DROP TABLE customers;" }.ToJsonString();
        var result = AirlockProcess.Run(["hook", "cursor"], json.ToJsonString());
        Assert.Equal("deny", HookAnswer.Outcome("cursor", result));
        Assert.Contains("database.drop", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Hook_CopilotToolArgsAsAnObject_IsAccepted()
    {
        var json = Payloads.Load("copilot.bash.toolargs-object");
        json["toolArgs"]!["command"] = "dd if=/dev/zero of=/dev/sda bs=1M";
        var result = AirlockProcess.Run(["hook", "copilot"], json.ToJsonString());
        Assert.Equal("deny", HookAnswer.Outcome("copilot", result));
    }

    [Fact]
    public void Hook_CursorPayloadArrivingAtTheClaudeCodeHook_IsAnsweredInCursorsFormat()
    {
        // Cursor runs hooks configured for Claude Code and sends them its own payload.
        var result = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("cursor", "rm -rf /"));
        Assert.Equal("deny", HookAnswer.Outcome("cursor", result));
    }

    [Fact]
    public void Hook_UnknownToolName_GetsAWellFormedAnswer()
    {
        var json = Payloads.Load("claude-code.bash");
        json["tool_name"] = "SomeFutureTool";
        json["tool_input"] = new JsonObject { ["anything"] = "value" };
        var result = AirlockProcess.Run(["hook", "claude-code"], json.ToJsonString());
        Assert.Contains(HookAnswer.Outcome("claude-code", result), new[] { "allow", "ask", "deny" });
    }

    [Fact]
    public void Hook_CursorPromptSubmission_IsNotGated()
    {
        var result = AirlockProcess.Run(["hook", "cursor"], Payloads.Load("cursor.beforeSubmitPrompt").ToJsonString());
        Assert.Equal(0, result.ExitCode);
        Assert.True(JsonNode.Parse(result.Stdout)!["continue"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Hook_UnknownHookArgument_IsAWellFormedDenyNotAUsageError(string client)
    {
        var result = AirlockProcess.Run(["hook", client, "--strict-mode"], Payloads.Shell(client, "ls"));
        Assert.Equal("deny", HookAnswer.Outcome(client, result));
    }

    [Fact]
    public void Hook_DeadlineOption_IsAccepted()
    {
        var result = AirlockProcess.Run(["hook", "claude-code", "--deadline-ms", "5000"], Payloads.Shell("claude-code", "rm -rf /"));
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", result));
    }

    [Fact]
    public void Hook_PolicyThatDoesNotLoad_DeniesWithPolicyError()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"airlock-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(policy, "version: 1\nrules:\n  - id: x\n    outcome: sometimes\n");
        try
        {
            var result = AirlockProcess.Run(["hook", "claude-code", "--policy", policy], Payloads.Shell("claude-code", "ls"));
            Assert.Equal("deny", HookAnswer.Outcome("claude-code", result));
            Assert.Contains("policy_error", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
