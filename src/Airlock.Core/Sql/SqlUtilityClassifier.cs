namespace Airlock.Sql;

/// <summary>Classifies EXPLAIN, COPY, SET, RESET/PURGE and LOAD, whose effect depends on an option.</summary>
internal static class SqlUtilityClassifier
{
    /// <summary>EXPLAIN reads, except EXPLAIN ANALYZE, which runs the statement it explains.</summary>
    public static void Explain(SqlTokenList tokens, int lead, int end, bool procedural, SqlAnalysisContext context, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        var analyze = false;
        if (tokens.IsSymbol(i, "("))
        {
            var close = Math.Min(tokens.Match(i), end);
            for (var j = i + 1; j < close; j++)
            {
                if (tokens.IsWord(j, "ANALYZE") || tokens.IsWord(j, "ANALYSE"))
                {
                    var off = tokens.IsWord(j + 1, "FALSE") || tokens.IsWord(j + 1, "OFF")
                        || (tokens.IsKind(j + 1, SqlTokenKind.Number) && tokens.Span(j + 1) is "0");
                    analyze |= !off;
                }
            }

            i = close + 1;
        }

        while (i < end && tokens[i].Kind == SqlTokenKind.Word)
        {
            var word = tokens.Keyword(i);
            if (word is "ANALYZE" or "ANALYSE")
            {
                analyze = true;
            }
            else if (word is "FORMAT" && tokens.IsSymbol(i + 1, "="))
            {
                i += 2;
            }
            else if (word is not ("VERBOSE" or "QUERY" or "PLAN" or "EXTENDED" or "PARTITIONS" or "COSTS" or "PIPELINE" or "SYNTAX" or "AST" or "ESTIMATE"))
            {
                break;
            }

            i++;
        }

        if (i >= end || context.Depth >= SqlAnalysisContext.MaxDepth)
        {
            sink.Add(SqlKinds.Create(SqlKinds.Read, "", evidence));
            return;
        }

        context.Depth++;
        var inner = new SqlFindingSink(int.MaxValue);
        SqlStatementClassifier.ClassifyRange(tokens, i, end, procedural, context, inner);
        context.Depth--;
        for (var k = 0; k < inner.Items.Count; k++)
        {
            var finding = inner.Items[k];
            // Only the explained statement is planned without running; anything after it runs.
            sink.Add(k == 0 && !analyze ? SqlKinds.Create(SqlKinds.Read, finding.Target, evidence) : finding with { Evidence = evidence });
        }
    }

    /// <summary>
    /// COPY … FROM writes, COPY … TO STDOUT reads, COPY … TO 'file' writes a server file, and
    /// PROGRAM runs a shell command on the database server. Also used for psql's \copy.
    /// </summary>
    /// <param name="clientSide">psql's \copy, whose TO writes a file on the client, not the server.</param>
    public static void Copy(SqlTokenList tokens, int from, int end, bool clientSide, string evidence, SqlFindingSink sink)
    {
        var i = from;
        var target = tokens.IsSymbol(i, "(") ? "(query)" : SqlNames.ReadQualified(tokens, i, end, out i);
        var direction = "";
        for (var j = i; j < end; j++)
        {
            if (tokens.IsSymbol(j, "("))
            {
                j = Math.Min(tokens.Match(j), end);
                continue;
            }

            if (tokens.IsWord(j, "PROGRAM"))
            {
                var command = j + 1 < end ? tokens.Unquoted(j + 1) : "";
                sink.Add(SqlKinds.Create(SqlKinds.Shell, command, evidence));
                return;
            }

            if (direction.Length == 0 && (tokens.IsWord(j, "FROM") || tokens.IsWord(j, "TO")))
            {
                direction = tokens.Keyword(j);
                var destination = j + 1 < end ? tokens.Keyword(j + 1) : "";
                if (direction == "TO" && !clientSide && destination is not ("STDOUT" or "PSTDOUT") && j + 1 < end)
                {
                    target = tokens.Unquoted(j + 1);
                    direction = "TO FILE";
                }
            }
        }

        sink.Add(SqlKinds.Create(direction is "FROM" or "TO FILE" ? SqlKinds.Write : SqlKinds.Read, target, evidence));
    }

    /// <summary>Session settings read; server-wide ones (MySQL GLOBAL/PERSIST, SET PASSWORD) write.</summary>
    public static void Set(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        var global = tokens.IsWord(i, "GLOBAL") || tokens.IsWord(i, "PERSIST") || tokens.IsWord(i, "PERSIST_ONLY")
            || tokens.IsWord(i, "PASSWORD") || (i < end && tokens.Span(i).StartsWith("@@global", StringComparison.OrdinalIgnoreCase));
        if (tokens.IsWord(i, "GLOBAL") || tokens.IsWord(i, "SESSION") || tokens.IsWord(i, "LOCAL") || tokens.IsWord(i, "PERSIST"))
        {
            i++;
        }

        var target = SqlNames.ReadQualified(tokens, i, end, out _);
        sink.Add(SqlKinds.Create(global ? SqlKinds.Write : SqlKinds.Read, target, evidence));
    }

    /// <summary>MySQL RESET MASTER and PURGE BINARY LOGS delete binary logs; Postgres RESET only resets a setting.</summary>
    public static void ResetOrPurge(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var purge = tokens.IsWord(lead, "PURGE");
        var next = tokens.Keyword(lead + 1);
        if (purge ? next is "BINARY" or "MASTER" : next is "MASTER" or "BINARY")
        {
            sink.Add(SqlKinds.Create(purge ? SqlKinds.Delete : SqlKinds.Drop, "binary logs", evidence));
        }
        else if (purge)
        {
            sink.Add(SqlKinds.Unrecognised(SqlNames.ReadQualified(tokens, lead + 2, end, out _), evidence, destructive: true));
        }
        else
        {
            var write = next is "SLAVE" or "REPLICA" or "QUERY" or "PERSIST";
            sink.Add(SqlKinds.Create(write ? SqlKinds.Write : SqlKinds.Read, SqlNames.ReadQualified(tokens, lead + 1, end, out _), evidence));
        }
    }

    /// <summary>MySQL LOAD DATA writes rows; Postgres LOAD and SQLite load_extension load native code.</summary>
    public static void Load(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        if (tokens.IsWord(lead + 1, "DATA") || tokens.IsWord(lead + 1, "XML"))
        {
            var into = SqlStatementClassifier.FindTopLevel(tokens, lead + 1, end, "TABLE");
            var target = into < 0 ? "" : SqlNames.ReadQualified(tokens, into + 1, end, out _);
            sink.Add(SqlKinds.Create(SqlKinds.Write, target, evidence));
            return;
        }

        sink.Add(SqlKinds.Opaque(lead + 1 < end ? tokens.Unquoted(lead + 1) : "", evidence));
    }
}
