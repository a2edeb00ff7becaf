using Airlock.Server.Executions;
using Airlock.Server.Store;

namespace Airlock.Server.Decisions;

/// <summary>
/// Group commit for decision records (and, in the same transaction, their audit records): each
/// request's answer is released only after the commit that holds its record. A lone decision is written on
/// the request's own thread; under load, one fsync per batch, not per request (docs/benchmarks.md has the measurements).
/// Each of its transactions also carries the executions queued so far.
/// </summary>
internal sealed class DecisionRecorder(IGatewayStore store, StoreExecutionRecorder executions) : GroupCommitter<DecisionRecord>(store, TimeSpan.Zero, executions)
{
    /// <summary>Completes once the record is durably committed; throws if it could not be.</summary>
    public Task RecordAsync(DecisionRecord record) => EnqueueAsync(record);

    protected override void Write(IGatewayTransaction tx, DecisionRecord item) => tx.AddDecision(item);
}
