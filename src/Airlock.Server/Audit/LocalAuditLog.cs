using Airlock.Server.Store;
using Airlock.Server.Store.Sqlite;

namespace Airlock.Server.Audit;

/// <summary>The audit log's store and keys opened directly from a data folder, for <c>airlock keys</c> on the gateway's host.</summary>
internal sealed class LocalAuditLog : IDisposable
{
    private readonly IGatewayStore _store;

    public LocalAuditLog(string dataDirectory)
    {
        var database = Path.Combine(dataDirectory, "airlock.db");
        if (!File.Exists(database))
        {
            throw new FileNotFoundException($"There is no gateway database in {dataDirectory}; start the gateway there once (airlock serve --init --data {dataDirectory}).");
        }

        _store = new AuditedGatewayStore(new SqliteGatewayStore(database), TimeProvider.System);
        _store.Initialize();
        Keys = new AuditKeys(_store, dataDirectory, TimeProvider.System);
    }

    public AuditKeys Keys { get; }

    public Task<IReadOnlyList<AuditKeyRow>> ListAsync(CancellationToken cancellationToken) => _store.ReadAsync(r => r.AuditKeys(), cancellationToken);

    public async Task<string> OriginAsync(CancellationToken cancellationToken) =>
        await _store.ReadAsync(r => r.Setting("audit_origin"), cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("This gateway has no audit log yet; start it once first.");

    public void Dispose() => _store.Dispose();
}
