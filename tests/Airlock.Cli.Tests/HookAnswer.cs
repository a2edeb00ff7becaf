using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests;

/// <summary>Reads a hook's answer back in each client's own terms, as the client would.</summary>
internal static class HookAnswer
{
    /// <summary>allow, ask or deny as the client understands the output; throws when the output is not a well-formed answer.</summary>
    public static string Outcome(string client, ProcessResult result)
    {
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        var text = result.Stdout.Trim();
        if (text.Length == 0)
        {
            Assert.True(client is "claude-code" or "codex" or "copilot", $"{client} needs a JSON answer, got nothing");
            return "allow";
        }

        var json = JsonNode.Parse(text)!.AsObject();
        string decision = client switch
        {
            "claude-code" or "codex" => json["hookSpecificOutput"]!["permissionDecision"]!.GetValue<string>(),
            "cursor" => json["permission"]!.GetValue<string>(),
            "gemini" => json["decision"]!.GetValue<string>(),
            _ => json["permissionDecision"]!.GetValue<string>(),
        };
        if (decision == "deny")
        {
            Assert.False(string.IsNullOrWhiteSpace(Reason(client, json)), "a deny must carry a reason");
        }

        return decision;
    }

    public static string? Reason(string client, JsonObject json) => client switch
    {
        "claude-code" or "codex" => json["hookSpecificOutput"]?["permissionDecisionReason"]?.GetValue<string>(),
        "cursor" => json["agent_message"]?.GetValue<string>() ?? json["user_message"]?.GetValue<string>(),
        "gemini" => json["reason"]?.GetValue<string>(),
        _ => json["permissionDecisionReason"]?.GetValue<string>(),
    };
}
