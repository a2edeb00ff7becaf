using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Airlock.Server.Store;

/// <summary>
/// Group commit: concurrent callers queue items, one loop writes everything queued (up to 512) in one
/// transaction — one fsync — and each caller's task completes only after that commit, or fails with it.
/// With a <paramref name="linger"/>, the first item of a batch waits that long for others. At shutdown
/// the queue is drained, so nothing queued is left unanswered.
/// </summary>
internal abstract class GroupCommitter<T>(IGatewayStore store, TimeSpan linger) : BackgroundService
{
    private const int MaxBatch = 512;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the item is durably committed; throws if it could not be.</summary>
    protected Task EnqueueAsync(T item)
    {
        var pending = new Pending(item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Committed.Task : Task.FromException(new InvalidOperationException("The gateway is shutting down."));
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

            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await store.WriteAsync(tx =>
                {
                    foreach (var pending in batch)
                    {
                        Write(tx, pending.Item);
                    }

                    return batch.Count;
                }, CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
#pragma warning disable CA1031 // Fail closed: every waiting caller learns its item was not written.
            catch (Exception e)
#pragma warning restore CA1031
            {
                batch.ForEach(p => p.Committed.TrySetException(e));
            }

            batch.Clear();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private sealed record Pending(T Item, TaskCompletionSource Committed);
}
