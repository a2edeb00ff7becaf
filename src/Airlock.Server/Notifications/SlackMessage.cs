using System.Globalization;
using System.Text;
using Airlock.Wire;

namespace Airlock.Server.Notifications;

/// <summary>Renders an event as a Slack incoming-webhook message an approver can act on from the channel.</summary>
internal static class SlackMessage
{
    // Slack rejects a message whose section text passes 3,000 characters or a field 2,000 (invalid_blocks),
    // so long values are cut, counting the escaped text that Slack counts.
    private const int MaxCommandLength = 2_500;
    private const int MaxSummaryLength = 300;
    private const int MaxFieldLength = 500;
    private const int MaxFallbackCommandLength = 200;

    public static SlackMessageJson From(GatewayEvent gatewayEvent)
    {
        var approval = gatewayEvent.Approval;
        var (title, phrase) = Headline(gatewayEvent.Type);
        var action = approval.Command ?? approval.Tool;

        var blocks = new List<SlackBlockJson>
        {
            new() { Type = "header", Text = SlackTextJson.Plain(title) },
            new()
            {
                Type = "section",
                Text = SlackTextJson.Markdown($"*{Escape(approval.Summary, MaxSummaryLength)}*\n```{Escape(action, MaxCommandLength)}```"),
            },
            new() { Type = "section", Fields = Fields(approval) },
            new() { Type = "context", Elements = Context(approval) },
        };

        if (Uri.TryCreate(approval.ReviewUrl ?? approval.Url, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            blocks.Add(new SlackBlockJson
            {
                Type = "actions",
                Elements =
                [
                    new SlackButtonJson
                    {
                        Type = "button",
                        Text = SlackTextJson.Plain("Review in Airlock"),
                        Url = url.AbsoluteUri,
                        ActionId = "airlock_review",
                        Style = gatewayEvent.Type == "approval.requested" ? "primary" : null,
                    },
                ],
            });
        }

        var text = $"Airlock: {phrase} — {Escape(approval.Agent, MaxFieldLength)} wants to run "
            + $"`{Escape(FirstLine(action), MaxFallbackCommandLength)}` ({Escape(approval.Environment, MaxFieldLength)}, {Escape(approval.ReasonCode, MaxFieldLength)})";
        return new SlackMessageJson { Text = text, Blocks = blocks };
    }

    /// <summary>
    /// Escapes the three characters Slack's mrkdwn gives meaning to (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>: links
    /// and mentions such as <c>&lt;!channel&gt;</c>), cutting the result to <paramref name="maxLength"/> with an ellipsis.
    /// </summary>
    public static string Escape(string value, int maxLength = int.MaxValue)
    {
        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        int? cut = null;
        for (var i = 0; i < value.Length; i++)
        {
            var start = builder.Length;
            switch (value[i])
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case var c when char.IsHighSurrogate(c) && i + 1 < value.Length: builder.Append(value, i++, 2); break;
                case var c: builder.Append(c); break;
            }

            // Remember where an ellipsis would still fit, never inside an entity or a surrogate pair.
            if (builder.Length > maxLength - 1)
            {
                cut ??= start;
            }

            if (builder.Length > maxLength)
            {
                return builder.ToString(0, cut!.Value) + "…";
            }
        }

        return builder.ToString();
    }

    private static List<SlackTextJson> Fields(ApprovalJson approval)
    {
        var approvals = approval.Votes.Count(vote =>
            string.Equals(vote.Vote, "approve", StringComparison.OrdinalIgnoreCase)
            || string.Equals(vote.Vote, "approved", StringComparison.OrdinalIgnoreCase));
        var agent = approval.Client is null ? approval.Agent : $"{approval.Agent} ({approval.Client})";
        var fields = new List<SlackTextJson>
        {
            Field("Agent", Escape(agent, MaxFieldLength)),
            Field("Session", Escape(approval.Session ?? "—", MaxFieldLength)),
            Field("Environment", Escape(approval.Environment, MaxFieldLength)),
            Field("Rule", $"`{Escape(approval.Rule, MaxFieldLength)}` · {Escape(approval.ReasonCode, MaxFieldLength)}"),
            Field("Approvals", string.Create(CultureInfo.InvariantCulture, $"{approvals}/{approval.ApprovalsRequired}")),
            Field("Expires", SlackDate(approval.ExpiresAt)),
        };

        if (!string.Equals(approval.Status, "pending", StringComparison.Ordinal))
        {
            fields.Add(Field("Status", Escape(approval.Status, MaxFieldLength)));
        }

        return fields;
    }

    private static List<SlackElementJson> Context(ApprovalJson approval)
    {
        var elements = new List<SlackElementJson>
        {
            SlackTextJson.Markdown($"`{Escape(approval.Id, MaxFieldLength)}` · {Escape(approval.Tenant, MaxFieldLength)}/{Escape(approval.Workspace, MaxFieldLength)}"),
        };

        if (approval.ResolvedBy is not null)
        {
            var reason = approval.ResolutionReason is null ? "" : $": {Escape(approval.ResolutionReason, MaxFieldLength)}";
            elements.Add(SlackTextJson.Markdown($"By {Escape(approval.ResolvedBy, MaxFieldLength)}{reason}"));
        }
        else if (approval.ApproveCommand is not null && string.Equals(approval.Status, "pending", StringComparison.Ordinal))
        {
            elements.Add(SlackTextJson.Markdown($"Approve from a terminal: `{Escape(approval.ApproveCommand, MaxFieldLength)}`"));
        }

        return elements;
    }

    private static SlackTextJson Field(string label, string markdown) => SlackTextJson.Markdown($"*{label}*\n{markdown}");

    // Slack shows the date in each reader's own time zone; the fallback is for clients that cannot.
    private static string SlackDate(DateTimeOffset at) => string.Create(
        CultureInfo.InvariantCulture,
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    private static string FirstLine(string value)
    {
        var end = value.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? value : $"{value.AsSpan(0, end).TrimEnd()} …";
    }

    private static (string Title, string Phrase) Headline(string eventType) => eventType switch
    {
        "approval.requested" => ("Approval requested", "approval requested"),
        "approval.voted" => ("Vote recorded", "vote recorded"),
        "approval.approved" => ("Approved", "approved"),
        "approval.rejected" => ("Rejected", "rejected"),
        "approval.cancelled" => ("Request cancelled", "request cancelled"),
        "approval.expired" => ("Request expired", "request expired"),
        "grant.consumed" => ("Approved action used", "approved action used"),
        _ => (eventType, eventType),
    };
}
