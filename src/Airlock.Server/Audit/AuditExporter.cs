using Airlock.Audit;
using Airlock.Server.Store;

namespace Airlock.Server.Audit;

/// <summary>
/// Writes an audit bundle for a range of the log. The bundle always ends on a signed checkpoint: the one
/// signed now when the range runs to the end, otherwise the first checkpoint at or after the range's end
/// (so it may hold a few more records than asked). Everything a verifier needs is in it: the keys, the
/// compact range before the first record, the checkpoints, consistency and inclusion proofs.
/// </summary>
internal sealed class AuditExporter(IGatewayStore store, AuditCheckpointer checkpointer, AuditOptions options, TimeProvider time)
{
    private const int Page = 5000;

    public async Task ExportAsync(Stream output, AuditRange range, CancellationToken cancellationToken)
    {
        var final = await checkpointer.CheckpointNowAsync(cancellationToken).ConfigureAwait(false);
        var logSize = final.Size;
        var from = Math.Clamp(await ResolveAsync(range.FromSeq, range.Since, 0, cancellationToken).ConfigureAwait(false), 0, logSize);
        var to = Math.Clamp(await ResolveAsync(range.ToSeq, range.Until, logSize, cancellationToken).ConfigureAwait(false), from, logSize);
        var stored = await store.ReadAsync(r => r.Checkpoints(from, logSize), cancellationToken).ConfigureAwait(false);
        var end = stored.Where(c => c.Size >= to).Select(c => c.Size).DefaultIfEmpty(logSize).Min();
        var checkpoints = Thin(stored.Where(c => c.Size <= end), final, end);
        var leaves = await store.ReadAsync(r => r.AuditLeafHashes(0, end), cancellationToken).ConfigureAwait(false);
        var tree = new MerkleTree(leaves);
        var keys = await store.ReadAsync(r => r.AuditKeys(), cancellationToken).ConfigureAwait(false);

        using var writer = new AuditBundleWriter(output);
        writer.WriteHeader(new BundleHeader(checkpointer.Origin, time.GetUtcNow(), from, end, logSize, options.CheckpointInterval, options.Heartbeat));
        foreach (var key in keys)
        {
            writer.WriteKey(new BundleKey(key.Name, key.Fingerprint, key.PublicKeyPem, key.CreatedAt, key.RetiredAt));
        }

        if (from > 0)
        {
            writer.WriteCompactRange(from, tree.CompactRange(from));
        }

        foreach (var checkpoint in checkpoints)
        {
            writer.WriteCheckpoint(checkpoint.Note);
        }

        var sizes = checkpoints.Select(c => c.Size).Where(s => s > 0).Distinct().Order().ToList();
        for (var i = 1; i < sizes.Count; i++)
        {
            writer.WriteConsistency(sizes[i - 1], sizes[i], tree.ConsistencyProof(sizes[i - 1], sizes[i]));
        }

        if (end > from)
        {
            writer.WriteInclusion(from, end, tree.InclusionProof(from, end));
            writer.WriteInclusion(end - 1, end, tree.InclusionProof(end - 1, end));
        }

        for (var seq = from; seq < end;)
        {
            var start = seq;
            var rows = await store.ReadAsync(r => r.AuditRecords(new AuditQuery { FromSeq = start, ToSeq = end, Limit = Page }), cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                throw new InvalidOperationException($"The audit log has no record {seq} below its size {end}.");
            }

            foreach (var row in rows)
            {
                writer.WriteRecord(row.Seq, row.LeafHash, row.Bytes);
            }

            seq = rows[^1].Seq + 1;
            writer.Flush();
        }
    }

    /// <summary>A sequence number as given, or the first record at or after a time, or the fallback.</summary>
    private async Task<long> ResolveAsync(long? seq, DateTimeOffset? at, long fallback, CancellationToken cancellationToken)
    {
        if (seq is { } given)
        {
            return given;
        }

        if (at is not { } since)
        {
            return fallback;
        }

        var first = await store.ReadAsync(r => r.AuditRecords(new AuditQuery { Since = since, Limit = 1 }), cancellationToken).ConfigureAwait(false);
        return first.Count > 0 ? first[0].Seq : await store.ReadAsync(r => r.AuditSize(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Heartbeats repeat a size many times; the first and last checkpoint of each size say all they can.</summary>
    private static List<CheckpointRow> Thin(IEnumerable<CheckpointRow> checkpoints, CheckpointRow final, long end)
    {
        var kept = checkpoints
            .GroupBy(c => c.Size)
            .SelectMany(g => g.Count() <= 2 ? g.ToList() : [g.First(), g.Last()])
            .ToList();
        if (end == final.Size && !kept.Contains(final))
        {
            kept.Add(final);
        }

        return [.. kept.OrderBy(c => c.Size).ThenBy(c => c.At)];
    }
}

/// <summary>Which records to export or read: by sequence number [FromSeq, ToSeq) or by time [Since, Until).</summary>
internal sealed record AuditRange(long? FromSeq, long? ToSeq, DateTimeOffset? Since, DateTimeOffset? Until);
