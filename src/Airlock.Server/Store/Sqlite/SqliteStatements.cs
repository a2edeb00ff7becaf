using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Airlock.Server.Store.Sqlite;

/// <summary>Parameterized statements inside one SQLite transaction, and the column conversions every table uses.</summary>
internal abstract class SqliteStatements(SqliteConnection connection, SqliteTransaction transaction)
{
    protected SqliteConnection Connection => connection;

    protected SqliteTransaction Transaction => transaction;

    protected int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    protected long? OptionalLong(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is long value ? value : null;
    }

    protected T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    protected List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
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

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
