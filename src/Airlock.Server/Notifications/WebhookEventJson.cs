using System.Text.Json;
using System.Text.Json.Serialization;
using Airlock.Wire;

namespace Airlock.Server.Notifications;

/// <summary>The body of an <c>airlock</c>-format webhook: the event and the approval as it stands after it.</summary>
internal sealed record WebhookEventJson
{
    /// <summary>The event id, also sent as <c>Airlock-Delivery</c>; receivers drop ids they have seen.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("occurred_at")] public DateTimeOffset OccurredAt { get; init; }
    [JsonPropertyName("approval")] public required ApprovalJson Approval { get; init; }

    private static readonly JsonElement Null = JsonElement.Parse("null");

    public static WebhookEventJson From(GatewayEvent gatewayEvent) => new()
    {
        Id = gatewayEvent.Id,
        Type = gatewayEvent.Type,
        OccurredAt = gatewayEvent.OccurredAt,

        // A default JsonElement cannot be written at all; an approval without its input should still reach approvers.
        Approval = gatewayEvent.Approval.Input.ValueKind == JsonValueKind.Undefined
            ? gatewayEvent.Approval with { Input = Null }
            : gatewayEvent.Approval,
    };
}
