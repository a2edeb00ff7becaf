using System.Threading.Channels;
using Airlock.Server.Store;
using Microsoft.Extensions.Hosting;

namespace Airlock.Server.Executions;

/// <summary>
/// Writes executions to the store in batches: the first record of a batch waits up to <see cref="Linger"/>
/// for others, so at a thousand proxied requests a second executions cost a few dozen transactions
/// (fsyncs) a second instead of one per request competing with the decisions for the single writer.
/// An execution is recorded after its response left (nothing waits on it), so a crash can lose at most
/// the last <see cref="Linger"/> of outcomes — never a decision, which is committed before forwarding.
/// </summary>
internal sealed class StoreExecutionRecorder(IGatewayStore store) : BackgroundService, IExecutionRecorder
{
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    private const int MaxBatch = 512;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public Task RecordAsync(ExecutionRecord execution)
    {
        var pending = new Pending(execution, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Committed.Task : Task.FromException(new InvalidOperationException("The gateway is shutting down."));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(Linger, stoppingToken).ConfigureAwait(false);
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
                        tx.AddExecution(pending.Execution);
                    }

                    return batch.Count;
                }, CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
#pragma warning disable CA1031 // Every waiting caller learns its record was not written.
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

    private sealed record Pending(ExecutionRecord Execution, TaskCompletionSource Committed);
}
