using System.Text.Json;
using Airlock.Redaction;

namespace Airlock.Server.Audit;

/// <summary>
/// One event about to be appended to the audit log: who it is about (the subject), who acted, and the
/// event's own fields. Every text in it is already redacted; the record says where.
/// </summary>
internal sealed record AuditEntry(string Type, DateTimeOffset At)
{
    /// <summary>The id the event is about (decision, approval or token id); later records link to it by type and this id.</summary>
    public string? Reference { get; init; }

    public string? Tenant { get; init; }
    public string? Workspace { get; init; }
    public string? Agent { get; init; }
    public string? Session { get; init; }
    public string? Client { get; init; }

    /// <summary>The person or process that caused the event when it is not the agent: an approver, an admin, the gateway.</summary>
    public string? Actor { get; init; }

    public string? Outcome { get; init; }
    public string? ReasonCode { get; init; }

    /// <summary>Writes the event's own fields into the record object.</summary>
    public Action<Utf8JsonWriter>? Fields { get; init; }

    public IReadOnlyList<RedactionNote> Redactions { get; init; } = [];

    /// <summary>Earlier records this one depends on, by name ("decision", "approval", "grant") and sequence number.</summary>
    public IReadOnlyList<(string Name, long Seq)> Links { get; init; } = [];
}
