namespace Airlock.Server.Store;

/// <summary>A signed checkpoint of the audit log: the complete signed note (C2SP format) as issued.</summary>
internal sealed record CheckpointRow(long Size, DateTimeOffset At, string KeyFingerprint, string Note);
