namespace Airlock.Sql;

/// <summary>
/// Classifies SQL text (one or many statements, psql or SQLite client commands included) into
/// findings, one per statement or per effect. Never throws; linear in the input; findings are capped.
/// </summary>
internal static class SqlAnalyzer
{
    public static IReadOnlyList<SqlFinding> Analyze(string sql) => Analyze(sql, SqlFindingSink.DefaultCap);

    public static IReadOnlyList<SqlFinding> Analyze(string sql, int cap)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return [];
        }

        try
        {
            var tokens = SqlLexer.Tokenize(sql, backslashEscapes: false);
            var standard = Run(tokens, cap);
            if (!tokens.SawBackslashInString)
            {
                return standard.ToResult();
            }

            // '\'' ends a Postgres literal but not a MySQL one, so the two servers can see different
            // statements in the same text; report the reading that does more damage.
            var mysql = Run(SqlLexer.Tokenize(sql, backslashEscapes: true), cap);
            return Rank(mysql) > Rank(standard) ? mysql.ToResult() : standard.ToResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A classifier bug must not let a statement through as harmless.
            return [SqlKinds.Opaque("", sql.Length > 200 ? sql[..200] : sql)];
        }
    }

    private static SqlFindingSink Run(SqlTokenList tokens, int cap)
    {
        var sink = new SqlFindingSink(cap);
        SqlStatementClassifier.AnalyzeTokens(tokens, procedural: false, new SqlAnalysisContext(), sink);
        return sink;
    }

    private static int Rank(SqlFindingSink sink) => sink.MostSevere is null ? -1 : SqlSeverity.Rank(sink.MostSevere);
}
