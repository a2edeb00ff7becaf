namespace Airlock.Server.Store;

/// <summary>
/// The gateway's durable state. Every write runs in one transaction that commits durably before the
/// call returns; state transitions are compare-and-set (<see cref="IGatewayTransaction.TransitionApproval"/>,
/// <see cref="IGatewayTransaction.ConsumeGrant"/>), so several gateway instances sharing one database
/// stay correct. SQLite is the embedded implementation; PostgreSQL will satisfy the same contract.
/// </summary>
internal interface IGatewayStore : IDisposable
{
    /// <summary>Creates or upgrades the schema.</summary>
    void Initialize();

    /// <summary>Runs <paramref name="work"/> in one write transaction; if it throws, nothing is written.</summary>
    Task<T> WriteAsync<T>(Func<IGatewayTransaction, T> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> against a consistent snapshot.</summary>
    Task<T> ReadAsync<T>(Func<IGatewayReader, T> work, CancellationToken cancellationToken);
}
