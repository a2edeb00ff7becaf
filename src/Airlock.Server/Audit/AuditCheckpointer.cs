using System.Globalization;
using Airlock.Audit;
using Airlock.Server.Logging;
using Airlock.Server.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Audit;

/// <summary>
/// Signs checkpoints of the audit log: the tree size and root hash in the C2SP checkpoint format, plus a
/// <c>time</c> extension line. One every <see cref="AuditOptions.CheckpointInterval"/> while records
/// arrive, and a heartbeat every <see cref="AuditOptions.Heartbeat"/> when idle — so a bundle whose last
/// checkpoint is older than a heartbeat before its export lost its tail. The tree is kept as a compact
/// range (O(log n) hashes) and caught up from the stored leaf hashes, which also covers records written
/// by another gateway process sharing the database.
/// </summary>
internal sealed class AuditCheckpointer(IGatewayStore store, AuditKeys keys, AuditOptions options, TimeProvider time, ILogger<AuditCheckpointer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MerkleAccumulator _tree = new();
    private CheckpointRow? _latest;
    private string? _origin;

    public string Origin => _origin ?? throw new InvalidOperationException("The audit log is not started.");

    /// <summary>Loads the log and signs a checkpoint of it; called before the gateway accepts requests.</summary>
    public async Task StartLogAsync(CancellationToken cancellationToken)
    {
        _origin = await keys.OriginAsync(options.Origin, cancellationToken).ConfigureAwait(false);
        await keys.ActiveAsync(_origin, cancellationToken).ConfigureAwait(false);
        var size = await store.ReadAsync(r => r.AuditSize(), cancellationToken).ConfigureAwait(false);
        var leaves = await store.ReadAsync(r => r.AuditLeafHashes(0, size), cancellationToken).ConfigureAwait(false);
        var tree = new MerkleAccumulator();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        _tree = tree;
        _latest = await store.ReadAsync(r => r.LatestCheckpoint(), cancellationToken).ConfigureAwait(false);
        await CheckpointNowAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a checkpoint of everything committed so far (an export ends on one).</summary>
    public async Task<CheckpointRow> CheckpointNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            return await SignAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, time);
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await _gate.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await CatchUpAsync(stoppingToken).ConfigureAwait(false);
                    var due = _latest is null || _tree.Size > _latest.Size || time.GetUtcNow() - _latest.At >= options.Heartbeat;
                    if (due)
                    {
                        await SignAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed checkpoint is logged and retried next tick; the records themselves are already durable.
            catch (Exception e)
#pragma warning restore CA1031
            {
                AuditLog.CheckpointFailed(logger, e.GetType().Name, e);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var from = _tree.Size;
        var leaves = await store.ReadAsync(r => r.AuditLeafHashes(from, long.MaxValue), cancellationToken).ConfigureAwait(false);
        foreach (var leaf in leaves)
        {
            _tree.Append(leaf);
        }
    }

    private async Task<CheckpointRow> SignAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = await keys.ActiveAsync(Origin, cancellationToken).ConfigureAwait(false);
        using var signer = keys.LoadSigner(key);
        var checkpoint = new Checkpoint(Origin, _tree.Size, _tree.Root(), [AuditBundleFormat.TimeExtension + FormatTime(now)]);
        var row = new CheckpointRow(_tree.Size, now, key.Fingerprint, signer.SignNote(checkpoint.ToBody()));
        await store.WriteAsync(tx => { tx.AddCheckpoint(row); return 0; }, cancellationToken).ConfigureAwait(false);
        _latest = row;
        AuditLog.Checkpointed(logger, row.Size, key.Fingerprint);
        return row;
    }

    private static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
