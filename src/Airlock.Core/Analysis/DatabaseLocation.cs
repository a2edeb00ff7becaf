using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>Where a database statement runs: a local database, or a server in some environment.</summary>
internal sealed record DatabaseLocation(DeploymentEnvironment Environment, BlastRadius Radius, string Target, string Evidence)
{
    private static readonly string[] Schemes = ["postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://", "mongodb+srv://", "redis://", "rediss://", "sqlserver://", "clickhouse://", "cockroachdb://", "libsql://"];

    /// <summary>No server named: the client's default, a local socket.</summary>
    public static DatabaseLocation Local(string what) => new(DeploymentEnvironment.Local, BlastRadius.Workspace, what, "no server named: the local default");

    public static DatabaseLocation FromHost(string host)
    {
        var (env, evidence) = EnvironmentResolver.FromHost(host);
        return env == DeploymentEnvironment.Local
            ? new DatabaseLocation(env, BlastRadius.Workspace, host, evidence)
            : new DatabaseLocation(env, BlastRadius.Remote, host, evidence);
    }

    /// <summary>The host of a connection URL (<c>postgres://u:p@db.prod:5432/app</c>), or null.</summary>
    public static string? HostOfUrl(string text)
    {
        foreach (var scheme in Schemes)
        {
            var start = text.IndexOf(scheme, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                continue;
            }

            var rest = text[(start + scheme.Length)..];
            var authorityEnd = IndexOfAny(rest, "/? \"'");
            var authority = authorityEnd >= 0 ? rest[..authorityEnd] : rest;
            var hostPart = authority[(authority.LastIndexOf('@') + 1)..];
            var stop = IndexOfAny(hostPart, ":,");
            var host = stop >= 0 ? hostPart[..stop] : hostPart;
            return host.Length == 0 ? "localhost" : host;
        }

        return null;
    }

    /// <summary>A libpq conninfo string's host (<c>host=db.prod dbname=app</c>).</summary>
    public static string? HostOfConninfo(string text)
    {
        foreach (var pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("host=", StringComparison.OrdinalIgnoreCase) || pair.StartsWith("hostaddr=", StringComparison.OrdinalIgnoreCase))
            {
                return pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim('\'', '"');
            }
        }

        return null;
    }

    /// <summary>What code says about its database: a connection URL, a host argument, SQLite.</summary>
    public static DatabaseLocation FromCode(string code)
    {
        if (HostOfUrl(code) is { } host)
        {
            return FromHost(host);
        }

        foreach (var marker in new[] { "host=\"", "host='", "host: \"", "host: '", "host:\"", "host:'", "\"host\": \"", "'host': '" })
        {
            var start = code.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                var valueStart = start + marker.Length;
                var end = code.IndexOf(marker[^1], valueStart);
                if (end > valueStart)
                {
                    return FromHost(code[valueStart..end]);
                }
            }
        }

        if (code.Contains("sqlite", StringComparison.OrdinalIgnoreCase) || code.Contains("duckdb", StringComparison.OrdinalIgnoreCase))
        {
            return Local("a local database file");
        }

        return new DatabaseLocation(DeploymentEnvironment.Unknown, BlastRadius.Remote, "a database", "the code does not say which database it connects to; treated as unknown");
    }

    private static int IndexOfAny(string text, string characters) => text.AsSpan().IndexOfAny(characters);
}
