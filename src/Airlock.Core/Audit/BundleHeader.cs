namespace Airlock.Audit;

/// <summary>The first line of a bundle: which log, when, and which records [<see cref="FromSeq"/>, <see cref="ToSeq"/>) it holds.</summary>
public sealed record BundleHeader(string Origin, DateTimeOffset ExportedAt, long FromSeq, long ToSeq, long LogSize, TimeSpan CheckpointInterval, TimeSpan Heartbeat);
