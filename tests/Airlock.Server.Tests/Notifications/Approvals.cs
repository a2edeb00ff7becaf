using System.Text.Json;
using Airlock.Server.Notifications;
using Airlock.Wire;

namespace Airlock.Server.Tests.Notifications;

/// <summary>Approvals and events as the gateway would publish them.</summary>
internal static class Approvals
{
    public static ApprovalJson Pending(string command = "psql \"$PROD_URL\" -c 'DROP TABLE invoices'", string? url = "https://airlock.example.com/approvals/apr_01") => new()
    {
        Id = "apr_01",
        Status = "pending",
        Tool = "Bash",
        Input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["command"] = command }),
        Command = command,
        Cwd = "/srv/billing",
        Tenant = "acme",
        Workspace = "billing",
        Agent = "claude-code",
        Session = "sess_42",
        Client = "claude-code",
        Environment = "production",
        ReasonCode = "prod_irreversible",
        Rule = "tier.production.irreversible",
        Summary = "Drops table invoices in production",
        ApprovalsRequired = 2,
        Votes = [new VoteJson { Approver = "alice", Vote = "approve", At = new DateTimeOffset(2026, 5, 1, 12, 1, 0, TimeSpan.Zero) }],
        CreatedAt = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 5, 1, 13, 0, 0, TimeSpan.Zero),
        Url = url,
        ApproveCommand = "airlock approve apr_01",
    };

    public static GatewayEvent Event(string type = "approval.requested", ApprovalJson? approval = null, string id = "evt_01") =>
        new(id, type, new DateTimeOffset(2026, 5, 1, 12, 0, 1, TimeSpan.Zero), approval ?? Pending());
}
