using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Airlock.Server.Store;

/// <summary>
/// Group commit: concurrent callers queue items, one loop writes everything queued (up to 512) in one
/// transaction — one fsync — and each caller's task completes only after that commit, or fails with it.
/// With a <paramref name="linger"/>, the first item of a batch waits that long for others. Without one,
/// a caller that finds no write in progress and nothing queued writes its item itself, on its own
/// thread: at moderate load there is no batch to join, and handing the item to the loop and back cost
/// two thread wake-ups per call (docs/benchmarks.md, proxy overhead). Items that arrive while a write
/// is in progress queue for the loop, so under load the fsync is still shared. At shutdown the queue is
/// drained, so nothing queued is left unanswered.
/// </summary>
/// <remarks>
/// With <paramref name="passengers"/>, every transaction this committer writes also carries whatever
/// that other (lingering) committer has queued, so its items need no transaction — no fsync, no turn at
/// the single writer — of their own. If the carrying transaction fails, they are written on their own.
/// </remarks>
internal abstract class GroupCommitter<T>(IGatewayStore store, TimeSpan linger, IPassengers? passengers = null) : BackgroundService, IPassengers
{
    private const int MaxBatch = 512;
    // Not SingleReader: that channel cannot count, and a caller looks at the count to know whether a batch is forming.
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();

    // Held by whoever is writing (a caller's own write or the loop's batch); the loop waits for it, a caller only tries it.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private volatile bool _stopping;

    /// <summary>Completes once the item is durably committed; throws if it could not be.</summary>
    protected Task EnqueueAsync(T item)
    {
        if (linger == TimeSpan.Zero && _queue.Reader.Count == 0 && _writing.Wait(0))
        {
            return WriteOwnAsync(item);
        }

        var pending = new Pending(item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Committed.Task : Task.FromException(ShuttingDown());
    }

    /// <summary>Writes one item inside the batch's transaction.</summary>
    protected abstract void Write(IGatewayTransaction tx, T item);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (linger > TimeSpan.Zero && !stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(linger, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: write what is queued now.
                }
            }

            await _writing.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                // Empty when another committer's transaction carried everything while this one lingered.
                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                _writing.Release();
            }

            batch.Clear();
        }

        // A caller's own write that began before the stop finishes before the store can be disposed; any later one sees _stopping.
        await _writing.WaitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task WriteOwnAsync(T item)
    {
        try
        {
            if (_stopping)
            {
                throw ShuttingDown();
            }

            await WriteCarryingAsync(tx => Write(tx, item)).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Takes everything queued now, for another committer's transaction to carry; null when nothing is.</summary>
    public Boarding? Board()
    {
        List<Pending>? batch = null;
        while ((batch?.Count ?? 0) < MaxBatch && _queue.Reader.TryRead(out var next))
        {
            (batch ??= []).Add(next);
        }

        return batch is null ? null : new Boarding(
            tx => batch.ForEach(p => Write(tx, p.Item)),
            () => batch.ForEach(p => p.Committed.TrySetResult()),
            () => _ = WriteStrandedAsync(batch));
    }

    /// <summary>One transaction with <paramref name="write"/> and whatever the passengers have queued.</summary>
    private async Task WriteCarryingAsync(Action<IGatewayTransaction> write)
    {
        var boarding = passengers?.Board();
        try
        {
            await store.WriteAsync(tx =>
            {
                write(tx);
                boarding?.Write(tx);
                return 0;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            boarding?.Stranded();
            throw;
        }

        boarding?.Landed();
    }

    /// <summary>
    /// Passengers whose carrying transaction failed are written on their own: the failure may have been
    /// the carrier's, and if it was theirs, they must not fail another carrier.
    /// </summary>
    private async Task WriteStrandedAsync(List<Pending> batch)
    {
        try
        {
            await _writing.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            batch.ForEach(p => p.Committed.TrySetException(ShuttingDown()));
            return;
        }

        try
        {
            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            await WriteCarryingAsync(tx => batch.ForEach(p => Write(tx, p.Item))).ConfigureAwait(false);
            batch.ForEach(p => p.Committed.TrySetResult());
        }
#pragma warning disable CA1031 // Fail closed: every waiting caller learns its item was not written.
        catch (Exception e)
#pragma warning restore CA1031
        {
            batch.ForEach(p => p.Committed.TrySetException(e));
        }
    }

    private static InvalidOperationException ShuttingDown() => new("The gateway is shutting down.");

    private sealed record Pending(T Item, TaskCompletionSource Committed);
}
