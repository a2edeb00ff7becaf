using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Airlock.Server.Store.Sqlite;

/// <summary>
/// Parameterized statements inside one SQLite transaction, and the column conversions every table uses.
/// With a <see cref="SqliteStatementCache"/> (the writer's) each statement is prepared once per connection.
/// </summary>
internal abstract class SqliteStatements(SqliteConnection connection, SqliteTransaction transaction, SqliteStatementCache? statements)
{
    protected SqliteConnection Connection => connection;

    protected SqliteTransaction Transaction => transaction;

    protected SqliteStatementCache? Statements => statements;

    protected int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var lease = Command(sql, parameters);
        return lease.Command.ExecuteNonQuery();
    }

    protected long? OptionalLong(string sql, params (string Name, object? Value)[] parameters)
    {
        using var lease = Command(sql, parameters);
        return lease.Command.ExecuteScalar() is long value ? value : null;
    }

    protected T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var lease = Command(sql, parameters);
        var value = lease.Command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    protected List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var lease = Command(sql, parameters);
        using var reader = lease.Command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    protected static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    protected static long? Ms(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    protected static DateTimeOffset Time(SqliteDataReader r, int column) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(column));

    protected static DateTimeOffset? OptionalTime(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : Time(r, column);

    protected static string? Text(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    private CommandLease Command(string sql, (string Name, object? Value)[] parameters)
    {
        SqliteCommand command;
        if (statements is not null)
        {
            command = statements.Get(sql, transaction);
        }
        else
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return new CommandLease(command, Cached: statements is not null);
    }

    /// <summary>A command for one call: disposed after it unless the cache keeps it.</summary>
    private readonly record struct CommandLease(SqliteCommand Command, bool Cached) : IDisposable
    {
        public void Dispose()
        {
            if (!Cached)
            {
                Command.Dispose();
            }
        }
    }
}
