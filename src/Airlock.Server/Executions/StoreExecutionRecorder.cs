using Airlock.Server.Store;

namespace Airlock.Server.Executions;

/// <summary>
/// Writes executions to the store in batches: the first record of a batch waits up to <see cref="Linger"/>
/// for others, so at a thousand proxied requests a second executions cost a few dozen transactions
/// (fsyncs) a second instead of one per request competing with the decisions for the single writer.
/// An execution is recorded after its response left (nothing waits on it), so a crash can lose at most
/// the last <see cref="Linger"/> of outcomes — never a decision, which is committed before forwarding.
/// </summary>
internal sealed class StoreExecutionRecorder(IGatewayStore store) : GroupCommitter<ExecutionRecord>(store, Linger), IExecutionRecorder
{
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    public Task RecordAsync(ExecutionRecord execution) => EnqueueAsync(execution);

    protected override void Write(IGatewayTransaction tx, ExecutionRecord item) => tx.AddExecution(item);
}
