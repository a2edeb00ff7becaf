using Airlock.Server.Store;

namespace Airlock.Server.Audit;

/// <summary>The gateway's store with the audit log built in: every write transaction is an <see cref="AuditedTransaction"/>.</summary>
internal sealed class AuditedGatewayStore(IGatewayStore inner, TimeProvider time) : IGatewayStore
{
    /// <summary>Signalled after every committed write, so live readers need not poll.</summary>
    public AuditFeed Feed { get; } = new();

    public void Initialize() => inner.Initialize();

    public async Task<T> WriteAsync<T>(Func<IGatewayTransaction, T> work, CancellationToken cancellationToken)
    {
        var result = await inner.WriteAsync(tx => work(new AuditedTransaction(tx, time)), cancellationToken).ConfigureAwait(false);
        Feed.Committed();
        return result;
    }

    public Task<T> ReadAsync<T>(Func<IGatewayReader, T> work, CancellationToken cancellationToken) => inner.ReadAsync(work, cancellationToken);

    public void Dispose() => inner.Dispose();
}
