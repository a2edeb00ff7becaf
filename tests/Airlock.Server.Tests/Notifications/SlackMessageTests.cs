using System.Text.Json;
using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

public sealed class SlackMessageTests
{
    [Fact]
    public void From_RequestedApproval_TextIsAOneLineSummary()
    {
        var message = Render(Approvals.Event(approval: Approvals.Pending(command: "terraform destroy -auto-approve")));

        Assert.Equal(
            "Airlock: approval requested — claude-code wants to run `terraform destroy -auto-approve` (production, prod_irreversible)",
            message.GetProperty("text").GetString());
    }

    [Fact]
    public void From_MultiLineCommand_TextKeepsTheFirstLine()
    {
        var message = Render(Approvals.Event(approval: Approvals.Pending(command: "psql <<'SQL'\nDROP TABLE invoices;\nSQL")));

        Assert.Contains("`psql &lt;&lt;'SQL' …`", message.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_Approval_BlocksShowTheCommandInACodeBlockAndEveryField()
    {
        var message = Render(Approvals.Event());

        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("Approval requested", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(
            "*Drops table invoices in production*\n```psql \"$PROD_URL\" -c 'DROP TABLE invoices'```",
            blocks[1].GetProperty("text").GetProperty("text").GetString());
        var fieldObjects = blocks.Single(block => block.TryGetProperty("fields", out _)).GetProperty("fields").EnumerateArray().ToList();
        Assert.All(fieldObjects, field => Assert.Equal("mrkdwn", field.GetProperty("type").GetString()));
        var fields = fieldObjects.Select(field => field.GetProperty("text").GetString()).ToList();
        Assert.Contains("*Agent*\nclaude-code (claude-code)", fields);
        Assert.Contains("*Session*\nsess_42", fields);
        Assert.Contains("*Environment*\nproduction", fields);
        Assert.Contains("*Rule*\n`tier.production.irreversible` · prod_irreversible", fields);
        Assert.Contains("*Approvals*\n1/2", fields);
        Assert.Contains("*Expires*\n<!date^1777640400^{date_short_pretty} {time}|2026-05-01 13:00 UTC>", fields);
    }

    [Fact]
    public void From_ApprovalWithUrl_HasAButtonLinkingToIt()
    {
        var message = Render(Approvals.Event());

        var actions = message.GetProperty("blocks").EnumerateArray().Single(block => block.GetProperty("type").GetString() == "actions");
        var button = actions.GetProperty("elements").EnumerateArray().Single();
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("https://airlock.example.com/approvals/apr_01", button.GetProperty("url").GetString());
        Assert.Equal("plain_text", button.GetProperty("text").GetProperty("type").GetString());
    }

    [Fact]
    public void From_ApprovalWithAReviewUrl_TheButtonOpensTheDashboard()
    {
        var approval = Approvals.Pending() with { ReviewUrl = "https://airlock.example.com/dashboard/#/approvals/apr_01" };
        var message = Render(Approvals.Event(approval: approval));

        var actions = message.GetProperty("blocks").EnumerateArray().Single(block => block.GetProperty("type").GetString() == "actions");
        Assert.Equal("https://airlock.example.com/dashboard/#/approvals/apr_01", actions.GetProperty("elements")[0].GetProperty("url").GetString());
    }

    [Fact]
    public void From_ApprovalWithoutUrl_HasNoActionsBlock()
    {
        var message = Render(Approvals.Event(approval: Approvals.Pending(url: null)));

        Assert.DoesNotContain(message.GetProperty("blocks").EnumerateArray(), block => block.GetProperty("type").GetString() == "actions");
    }

    [Fact]
    public void From_MarkupInCommandAndNames_EscapesAmpersandAndAngleBrackets()
    {
        var approval = Approvals.Pending(command: "psql -c \"DELETE FROM users WHERE id < 5 && plan > 1\" <!channel>") with
        {
            Agent = "<@U024BE7LH>",
            Summary = "Deletes <https://evil.example|click here>",
        };

        var json = Json(Approvals.Event(approval: approval));
        var message = JsonDocument.Parse(json).RootElement;

        Assert.Contains("id &lt; 5 &amp;&amp; plan &gt; 1\" &lt;!channel&gt;", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("&lt;@U024BE7LH&gt; wants to run", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            "*Deletes &lt;https://evil.example|click here&gt;*\n```psql -c \"DELETE FROM users WHERE id < 5 && plan > 1\" <!channel>```"
                .Replace("id < 5 && plan > 1\" <!channel>", "id &lt; 5 &amp;&amp; plan &gt; 1\" &lt;!channel&gt;", StringComparison.Ordinal),
            message.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString());
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U024BE7LH>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil", json, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ResolvedApproval_ShowsStatusAndWhoResolvedIt()
    {
        var approval = Approvals.Pending() with { Status = "rejected", ResolvedBy = "bob", ResolutionReason = "not during the freeze" };

        var message = Render(Approvals.Event("approval.rejected", approval));

        Assert.StartsWith("Airlock: rejected — ", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        var json = message.GetRawText();
        Assert.Contains("*Status*\\nrejected", json, StringComparison.Ordinal);
        Assert.Contains("By bob: not during the freeze", json, StringComparison.Ordinal);
        Assert.DoesNotContain("airlock approve", json, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ToolCallWithoutCommand_NamesTheTool()
    {
        var approval = Approvals.Pending() with { Command = null, Tool = "mcp__railway__volumeDelete" };

        var message = Render(Approvals.Event(approval: approval));

        Assert.Contains("wants to run `mcp__railway__volumeDelete`", message.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_HugeCommand_StaysWithinSlackSectionLimit()
    {
        var approval = Approvals.Pending(command: "echo " + new string('<', 10_000));

        var message = Render(Approvals.Event(approval: approval));

        var section = message.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.True(section.Length <= 3_000, $"section text is {section.Length} characters");
        Assert.EndsWith("…```", section, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a<b", 100, "a&lt;b")]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdefg", 6, "abcde…")]
    [InlineData("ab<cdefg", 6, "ab…")]
    [InlineData("ab&", 7, "ab&amp;")]
    [InlineData("ab😀cd", 4, "ab…")]
    [InlineData("ab😀cd", 5, "ab😀…")]
    public void Escape_Text_EscapesAndCutsWithoutSplittingAnEntityOrACharacter(string value, int maxLength, string expected)
    {
        Assert.Equal(expected, SlackMessage.Escape(value, maxLength));
    }

    private static string Json(GatewayEvent gatewayEvent) =>
        System.Text.Encoding.UTF8.GetString(WebhookBody.Render(gatewayEvent, new WebhookOptions { Name = "slack", Url = new Uri("https://hooks.slack.com/services/T/B/X"), Format = "slack" }));

    private static JsonElement Render(GatewayEvent gatewayEvent) => JsonDocument.Parse(Json(gatewayEvent)).RootElement;
}
