using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airlock.Server.Notifications;

/// <summary>The webhook bodies, generated at build time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookEventJson))]
[JsonSerializable(typeof(SlackMessageJson))]
internal sealed partial class NotificationJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Bodies as receivers log and people read them: quotes, <c>&lt;</c>, <c>&amp;</c> and non-ASCII
    /// letters in commands are written as they are. Safe here because a webhook body is JSON, never HTML.
    /// </summary>
    public static NotificationJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
