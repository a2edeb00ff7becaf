namespace Airlock.Server.Audit;

/// <summary>
/// Wakes whoever follows the audit log (the dashboard's event stream) when a write transaction has
/// committed. It carries no data: followers read the records from the store, so what they see is
/// exactly what was committed.
/// </summary>
internal sealed class AuditFeed
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit after it was read.</summary>
    public Task NextCommit => Volatile.Read(ref _next).Task;

    public void Committed() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
