using Airlock.Server.Store;

namespace Airlock.Server.Executions;

/// <summary>
/// Records how an allowed call turned out once it was carried out (the proxy's upstream status and
/// duration). The store-backed implementation writes the <c>executions</c> table; the audit log can
/// take its place.
/// </summary>
internal interface IExecutionRecorder
{
    /// <summary>Completes once the record is durably written; throws if it could not be.</summary>
    Task RecordAsync(ExecutionRecord execution);
}
