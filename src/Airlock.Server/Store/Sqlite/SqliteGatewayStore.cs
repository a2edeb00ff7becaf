using Microsoft.Data.Sqlite;

namespace Airlock.Server.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with full synchronous commits, so a commit that
/// returned survives a SIGKILL or a power cut. Writes go through one connection, one transaction at a
/// time (SQLite has one writer anyway; queueing here avoids busy-retry storms); reads use pooled
/// connections and see a consistent snapshot while a write is in progress.
/// </summary>
internal sealed class SqliteGatewayStore : IGatewayStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteStatementCache? _statements;

    public SqliteGatewayStore(string databasePath)
    {
        DatabasePath = databasePath;
        // Default Timeout is also SQLite's busy timeout: a reader or a second gateway process waits for the lock instead of failing.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 10 }.ToString();
    }

    public string DatabasePath { get; }

    public void Initialize()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!);
        _writer = Open();
        _statements = new SqliteStatementCache(_writer);
        // FULL makes every commit durable before it returns (the "full synchronous commits"); all writes use this connection.
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(_writer, SqliteSchema.Create);
        Execute(_writer, SqliteProxySchema.Create);
        using var transaction = _writer.BeginTransaction();
        // The schema only ever grows (CREATE … IF NOT EXISTS), so the recorded version is the newest that ran.
        using (var version = _writer.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "INSERT INTO settings (name, value) VALUES ('schema_version', $v) ON CONFLICT (name) DO UPDATE SET value = $v";
            version.Parameters.AddWithValue("$v", SqliteSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            version.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public async Task<T> WriteAsync<T>(Func<IGatewayTransaction, T> work, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialized.");
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // BEGIN IMMEDIATE: take the write lock up front, so a second gateway process on the same file waits instead of failing mid-transaction.
            using var transaction = writer.BeginTransaction(deferred: false);
            var result = work(new SqliteGatewayTransaction(writer, transaction, _statements));
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<T> ReadAsync<T>(Func<IGatewayReader, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return Task.FromResult(work(new SqliteGatewayTransaction(connection, transaction)));
    }

    public void Dispose()
    {
        _statements?.Dispose();
        _writer?.Dispose();
        _writeGate.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
