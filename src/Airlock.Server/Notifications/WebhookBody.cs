using System.Text.Json;

namespace Airlock.Server.Notifications;

/// <summary>The exact bytes posted to a webhook for an event, in the webhook's format; these are the bytes signed.</summary>
internal static class WebhookBody
{
    public static byte[] Render(GatewayEvent gatewayEvent, WebhookOptions webhook) => webhook.IsSlack
        ? JsonSerializer.SerializeToUtf8Bytes(SlackMessage.From(gatewayEvent), NotificationJsonContext.Readable.SlackMessageJson)
        : JsonSerializer.SerializeToUtf8Bytes(WebhookEventJson.From(gatewayEvent), NotificationJsonContext.Readable.WebhookEventJson);
}
