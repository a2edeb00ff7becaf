using Airlock.Server.Store;

namespace Airlock.Server.Executions;

/// <summary>
/// Writes executions without transactions of their own when it can: a queued execution rides in the next
/// decision's transaction (<see cref="Decisions.DecisionRecorder"/> carries them), and only when no
/// decision is committed within <see cref="Linger"/> does a batch of executions take a transaction. At a
/// thousand proxied requests a second that is no extra fsync and no extra turn at the single writer;
/// batches of their own held the writer for up to 1.5 ms, and decisions queued behind them
/// (docs/benchmarks.md). An execution is recorded after its response left (nothing waits on it), so a
/// crash can lose at most the last <see cref="Linger"/> of outcomes — never a decision, which is
/// committed before forwarding.
/// </summary>
internal sealed class StoreExecutionRecorder(IGatewayStore store) : GroupCommitter<ExecutionRecord>(store, Linger), IExecutionRecorder
{
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    public Task RecordAsync(ExecutionRecord execution) => EnqueueAsync(execution);

    protected override void Write(IGatewayTransaction tx, ExecutionRecord item) => tx.AddExecution(item);
}
