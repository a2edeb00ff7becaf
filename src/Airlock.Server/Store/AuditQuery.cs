namespace Airlock.Server.Store;

/// <summary>Which audit records to read, oldest first unless <see cref="NewestFirst"/>: every filter that is set must match.</summary>
internal sealed record AuditQuery
{
    /// <summary>Records with a sequence number at or above this.</summary>
    public long FromSeq { get; init; }

    /// <summary>Records with a sequence number below this.</summary>
    public long? ToSeq { get; init; }

    /// <summary>Records of this tenant and records of none (keys, policy); null: every tenant's.</summary>
    public string? Tenant { get; init; }

    public string? Session { get; init; }
    public string? Agent { get; init; }
    public string? Outcome { get; init; }
    public string? ReasonCode { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public int Limit { get; init; } = 1000;

    /// <summary>The newest <see cref="Limit"/> matching records, newest first: what a live feed shows.</summary>
    public bool NewestFirst { get; init; }
}
