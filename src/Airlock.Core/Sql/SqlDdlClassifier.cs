namespace Airlock.Sql;

/// <summary>Classifies DROP, TRUNCATE, ALTER, CREATE, GRANT and REVOKE.</summary>
internal static class SqlDdlClassifier
{
    // Words naming the kind of object, as in DROP MATERIALIZED VIEW or CREATE UNLOGGED TABLE.
    private static readonly HashSet<string> TypeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "TABLE", "TABLES", "DATABASE", "SCHEMA", "INDEX", "VIEW", "SEQUENCE", "FUNCTION", "PROCEDURE", "ROUTINE",
        "TRIGGER", "TYPE", "DOMAIN", "EXTENSION", "ROLE", "USER", "GROUP", "TABLESPACE", "COLLATION",
        "CONVERSION", "AGGREGATE", "OPERATOR", "SERVER", "PUBLICATION", "SUBSCRIPTION", "POLICY", "RULE",
        "CAST", "LANGUAGE", "STATISTICS", "TRANSFORM", "EVENT", "KEYSPACE", "DICTIONARY", "STREAM", "STAGE",
        "WAREHOUSE", "SNAPSHOT", "SYNONYM", "PACKAGE", "LOGIN", "ASSEMBLY", "MATERIALIZED", "FOREIGN", "TEXT",
        "SEARCH", "CONFIGURATION", "PARSER", "TEMPLATE", "ACCESS", "METHOD", "CLASS", "FAMILY", "DATA",
        "WRAPPER", "MAPPING", "TEMPORARY", "TEMP", "UNLOGGED", "EXTERNAL", "LIBRARY", "ROW", "MASKING", "TAG",
        "NAMESPACE", "CATALOG", "CONNECTION", "SECRET", "MODEL", "LIVE", "SHARE", "DIRECTORY", "QUOTA",
        "SYSTEM", "DEFAULT", "PRIVILEGES", "LARGE", "OBJECT", "GLOBAL", "LOCAL", "UNIQUE", "VIRTUAL",
        "RECURSIVE", "SECURE", "TRANSIENT", "VOLATILE", "DYNAMIC", "PROFILE", "SETTINGS", "QUEUE", "JOB",
    };

    public static void Drop(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        if (tokens.IsWord(lead + 1, "OWNED"))
        {
            var by = tokens.IsWord(lead + 2, "BY") ? lead + 3 : lead + 2;
            sink.Add(SqlKinds.Create(SqlKinds.DropOwned, SqlNames.ReadList(tokens, by, end, skipAliases: false, out _), evidence));
            return;
        }

        var i = SkipModifiers(tokens, SkipTypeWords(tokens, lead + 1, end), end);
        sink.Add(SqlKinds.Create(SqlKinds.Drop, SqlNames.ReadList(tokens, i, end, skipAliases: false, out _), evidence));
    }

    public static void Truncate(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        while (tokens.IsWord(i, "TABLE") || tokens.IsWord(i, "ONLY"))
        {
            i++;
        }

        i = SkipModifiers(tokens, i, end);
        sink.Add(SqlKinds.Create(SqlKinds.Truncate, SqlNames.ReadList(tokens, i, end, skipAliases: false, out _), evidence));
    }

    /// <summary>
    /// ALTER is a write unless one of its comma-separated actions destroys data: DROP COLUMN or
    /// CONSTRAINT, ClickHouse DROP PARTITION / CLEAR COLUMN / DELETE WHERE, MySQL TRUNCATE PARTITION.
    /// </summary>
    public static void Alter(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var system = tokens.IsWord(lead + 1, "SYSTEM");
        var i = SkipModifiers(tokens, SkipTypeWords(tokens, lead + 1, end), end);
        while (tokens.IsWord(i, "ONLY"))
        {
            i++;
        }

        var target = system ? "system" : SqlNames.ReadQualified(tokens, i, end, out i);
        if (tokens.IsWord(i, "ON") && tokens.IsWord(i + 1, "CLUSTER"))
        {
            // ClickHouse: ALTER TABLE t ON CLUSTER c DELETE WHERE …
            i += 3;
        }

        var worst = SqlKinds.Create(SqlKinds.Write, target, evidence);
        var actionStart = i;
        for (var j = i; j <= end; j++)
        {
            if (j < end && tokens.IsSymbol(j, "("))
            {
                j = Math.Min(tokens.Match(j), end - 1);
                continue;
            }

            if (j < end && !tokens.IsSymbol(j, ","))
            {
                continue;
            }

            var finding = SqlKinds.Create(AlterActionKind(tokens, actionStart, j), target, evidence);
            if (SqlSeverity.Rank(finding) > SqlSeverity.Rank(worst))
            {
                worst = finding;
            }

            actionStart = j + 1;
        }

        sink.Add(worst);
    }

    public static void Create(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        // Skip OR REPLACE and modifiers up to the object type, then the name (CREATE INDEX may omit it).
        var i = lead + 1;
        for (var steps = 0; steps < 8 && i < end && tokens[i].Kind == SqlTokenKind.Word && !TypeWords.Contains(tokens.Span(i).ToString()); steps++)
        {
            i++;
        }

        i = SkipModifiers(tokens, SkipTypeWords(tokens, i, end), end);
        if (tokens.IsWord(i, "ON"))
        {
            i++;
        }

        sink.Add(SqlKinds.Create(SqlKinds.Write, SqlNames.ReadQualified(tokens, i, end, out _), evidence));
    }

    public static void GrantOrRevoke(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var kind = tokens.IsWord(lead, "REVOKE") ? SqlKinds.Revoke : SqlKinds.Write;
        var on = SqlStatementClassifier.FindTopLevel(tokens, lead + 1, end, "ON");
        var target = "";
        if (on >= 0)
        {
            var i = SkipTypeWords(tokens, on + 1, end);
            while (tokens.IsWord(i, "ALL") || tokens.IsWord(i, "IN"))
            {
                i = SkipTypeWords(tokens, i + 1, end);
            }

            target = SqlNames.ReadList(tokens, i, end, skipAliases: false, out _);
        }

        sink.Add(SqlKinds.Create(kind, target, evidence));
    }

    /// <summary>Skips object-type words, keeping a later one when it is the only name left (a table named <c>data</c>).</summary>
    public static int SkipTypeWords(SqlTokenList tokens, int from, int end)
    {
        var i = from;
        for (var steps = 0; steps < 4; steps++)
        {
            if (i >= end || tokens[i].Kind != SqlTokenKind.Word || !TypeWords.Contains(tokens.Span(i).ToString()))
            {
                break;
            }

            // The first type word always names the kind (DROP TABLE, even with the name missing);
            // a later one only when a name still follows it.
            if (steps > 0 && (!SqlNames.IsName(tokens, i + 1) || i + 1 >= end || IsTrailingOption(tokens, i + 1)))
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static bool IsTrailingOption(SqlTokenList tokens, int index) =>
        tokens.IsWord(index, "CASCADE") || tokens.IsWord(index, "RESTRICT") || tokens.IsWord(index, "ON")
        || tokens.IsWord(index, "SYNC") || tokens.IsWord(index, "PURGE") || tokens.IsWord(index, "FORCE");

    private static int SkipModifiers(SqlTokenList tokens, int from, int end)
    {
        var i = from;
        while (i < end)
        {
            if (tokens.IsWord(i, "IF") && tokens.IsWord(i + 1, "EXISTS"))
            {
                i += 2;
            }
            else if (tokens.IsWord(i, "IF") && tokens.IsWord(i + 1, "NOT") && tokens.IsWord(i + 2, "EXISTS"))
            {
                i += 3;
            }
            else if (tokens.IsWord(i, "CONCURRENTLY"))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static string AlterActionKind(SqlTokenList tokens, int start, int end)
    {
        if (start >= end)
        {
            return SqlKinds.Write;
        }

        switch (tokens.Keyword(start))
        {
            case "DROP":
                return IsMetadataDrop(tokens, start + 1) ? SqlKinds.Write : SqlKinds.AlterDrop;
            case "DELETE":
                return SqlDmlClassifier.WhereKind(tokens, start + 1, end, SqlKinds.DeleteAll);
            case "UPDATE":
                return SqlDmlClassifier.WhereKind(tokens, start + 1, end, SqlKinds.UpdateAll);
            case "TRUNCATE":
                return SqlKinds.Truncate;
            case "CLEAR":
                return SqlKinds.AlterDrop;
            case "DISCARD":
                // MySQL deletes the table's data file.
                return tokens.IsWord(start + 1, "TABLESPACE") ? SqlKinds.AlterDrop : SqlKinds.Write;
            case "ALTER" or "MODIFY":
                for (var i = start + 1; i < end; i++)
                {
                    if (tokens.IsWord(i, "DROP") && !IsMetadataDrop(tokens, i + 1))
                    {
                        return SqlKinds.AlterDrop;
                    }
                }

                return SqlKinds.Write;
            default:
                return SqlKinds.Write;
        }
    }

    // Dropping a default, a NOT NULL or an identity changes the schema without losing data.
    private static bool IsMetadataDrop(SqlTokenList tokens, int index) =>
        tokens.IsWord(index, "DEFAULT") || tokens.IsWord(index, "NOT") || tokens.IsWord(index, "IDENTITY")
        || tokens.IsWord(index, "EXPRESSION");
}
