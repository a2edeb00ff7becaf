using System.Threading.Channels;
using Airlock.Server.Store;
using Microsoft.Extensions.Hosting;

namespace Airlock.Server.Decisions;

/// <summary>
/// Group commit for decision records: concurrent requests queue their records, one loop writes
/// everything queued in one transaction (one fsync), and each request's answer is released only after
/// that commit. Durability per decision at the cost of one fsync per batch, not per request
/// (docs/benchmarks.md has the measurement).
/// </summary>
internal sealed class DecisionRecorder(IGatewayStore store) : BackgroundService
{
    private const int MaxBatch = 512;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the record is durably committed; throws if it could not be.</summary>
    public Task RecordAsync(DecisionRecord record)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Committed.Task : Task.FromException(new InvalidOperationException("The gateway is shutting down."));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        // Drain until the writer is completed at shutdown, so no queued decision is left unanswered.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
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
                        tx.AddDecision(pending.Record);
                    }

                    return batch.Count;
                }, CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
#pragma warning disable CA1031 // Fail closed: every waiting request learns its record was not written.
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

    private sealed record Pending(DecisionRecord Record, TaskCompletionSource Committed);
}
