using Airlock.Server.Store;

namespace Airlock.Server.Audit;

/// <summary>The gateway's store with the audit log built in: every write transaction is an <see cref="AuditedTransaction"/>.</summary>
internal sealed class AuditedGatewayStore(IGatewayStore inner, TimeProvider time) : IGatewayStore
{
    public void Initialize() => inner.Initialize();

    public Task<T> WriteAsync<T>(Func<IGatewayTransaction, T> work, CancellationToken cancellationToken) =>
        inner.WriteAsync(tx => work(new AuditedTransaction(tx, time)), cancellationToken);

    public Task<T> ReadAsync<T>(Func<IGatewayReader, T> work, CancellationToken cancellationToken) => inner.ReadAsync(work, cancellationToken);

    public void Dispose() => inner.Dispose();
}
