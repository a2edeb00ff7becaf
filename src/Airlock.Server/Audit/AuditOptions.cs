namespace Airlock.Server.Audit;

/// <summary>The <c>audit:</c> section of the gateway's configuration.</summary>
internal sealed record AuditOptions
{
    /// <summary>The log's name in its checkpoints; fixed when the log is created (default: airlock/ and a random id).</summary>
    public string? Origin { get; init; }

    /// <summary>How often a checkpoint is signed while records arrive.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the latest checkpoint is signed again when nothing happens, so a cut-off tail shows as a stale checkpoint.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromMinutes(1);

    public SplunkHecOptions? SplunkHec { get; init; }
}

/// <summary>Forwarding of audit records to a Splunk HTTP Event Collector.</summary>
internal sealed record SplunkHecOptions
{
    /// <summary>The collector endpoint, e.g. https://splunk.example.com:8088/services/collector/event.</summary>
    public required Uri Url { get; init; }

    /// <summary>The HEC token, read from the environment variable the configuration names.</summary>
    public required string Token { get; init; }

    public string? Index { get; init; }
    public int BatchSize { get; init; } = 500;
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
