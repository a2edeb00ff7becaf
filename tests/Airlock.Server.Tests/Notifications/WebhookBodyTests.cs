using System.Text.Json;
using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

public sealed class WebhookBodyTests
{
    private static readonly WebhookOptions Airlock = new() { Name = "a", Url = new Uri("https://hooks.example.com/a") };

    [Fact]
    public void Render_AirlockFormat_IsTheEnvelopeWithSnakeCaseNamesAndNoNulls()
    {
        var approval = Approvals.Pending() with { ResolvedBy = null, ConfirmText = null };

        var body = JsonDocument.Parse(WebhookBody.Render(Approvals.Event(approval: approval), Airlock)).RootElement;

        Assert.Equal(["id", "type", "occurred_at", "approval"], body.EnumerateObject().Select(property => property.Name));
        var names = body.GetProperty("approval").EnumerateObject().Select(property => property.Name).ToList();
        Assert.Contains("reason_code", names);
        Assert.Contains("expires_at", names);
        Assert.DoesNotContain("resolved_by", names);
        Assert.DoesNotContain("confirm_text", names);
    }

    [Fact]
    public void Render_ApprovalWithoutInput_StillRenders()
    {
        var approval = Approvals.Pending() with { Input = default };

        var body = JsonDocument.Parse(WebhookBody.Render(Approvals.Event(approval: approval), Airlock)).RootElement;

        Assert.Equal(JsonValueKind.Null, body.GetProperty("approval").GetProperty("input").ValueKind);
    }
}
