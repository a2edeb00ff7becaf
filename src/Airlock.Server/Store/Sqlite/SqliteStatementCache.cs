using Microsoft.Data.Sqlite;

namespace Airlock.Server.Store.Sqlite;

/// <summary>
/// The writer connection's commands, one per SQL text, kept for the connection's life: SQLite parses and
/// plans a statement once and re-binds it on every later call, where creating a command per call re-prepared
/// it every time (about 7 % of the gateway's CPU on the decide path, docs/benchmarks.md). Not thread-safe:
/// only the writer uses it, one transaction at a time.
/// </summary>
internal sealed class SqliteStatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, with no parameters, in <paramref name="transaction"/>.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
