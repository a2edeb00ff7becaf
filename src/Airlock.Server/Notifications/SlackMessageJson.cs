using System.Text.Json.Serialization;

namespace Airlock.Server.Notifications;

/// <summary>
/// A Slack incoming-webhook message: <c>text</c> is the notification and screen-reader fallback,
/// <c>blocks</c> the Block Kit layout shown in the channel.
/// </summary>
internal sealed record SlackMessageJson
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("blocks")] public required IReadOnlyList<SlackBlockJson> Blocks { get; init; }
}

/// <summary>A Block Kit layout block: header, section, context or actions.</summary>
internal sealed record SlackBlockJson
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("text")] public SlackTextJson? Text { get; init; }
    [JsonPropertyName("fields")] public IReadOnlyList<SlackTextJson>? Fields { get; init; }
    [JsonPropertyName("elements")] public IReadOnlyList<SlackElementJson>? Elements { get; init; }
}

/// <summary>An element of a context block (a text object) or of an actions block (a button).</summary>
[JsonDerivedType(typeof(SlackTextJson))]
[JsonDerivedType(typeof(SlackButtonJson))]
internal abstract record SlackElementJson
{
    [JsonPropertyName("type")] public required string Type { get; init; }
}

/// <summary>A text object, <c>plain_text</c> or <c>mrkdwn</c>.</summary>
internal sealed record SlackTextJson : SlackElementJson
{
    [JsonPropertyName("text")] public required string Text { get; init; }

    public static SlackTextJson Plain(string text) => new() { Type = "plain_text", Text = text };

    public static SlackTextJson Markdown(string text) => new() { Type = "mrkdwn", Text = text };
}

/// <summary>A link button: Slack opens <see cref="Url"/> in the browser.</summary>
internal sealed record SlackButtonJson : SlackElementJson
{
    [JsonPropertyName("text")] public required SlackTextJson Text { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("action_id")] public string? ActionId { get; init; }
    [JsonPropertyName("style")] public string? Style { get; init; }
}
