namespace Airlock.Sql;

/// <summary>
/// Splits lexed SQL into statements and sends each to the classifier for its leading keyword.
/// Statements that only read are also searched for a second statement written without a
/// separator (SQL Server and procedural bodies allow <c>IF … DROP TABLE t</c>).
/// </summary>
internal static class SqlStatementClassifier
{
    // Statements after which a destructive keyword may start another statement without a ';'.
    private static readonly HashSet<string> ReadLeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "VALUES", "TABLE", "SHOW", "DESCRIBE", "DESC", "USE", "BEGIN", "START", "COMMIT", "END",
        "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "LISTEN", "UNLISTEN", "FETCH", "MOVE", "CLOSE",
        "DEALLOCATE", "DISCARD", "DECLARE", "PRINT", "IF", "ELSE", "ELSIF", "ELSEIF", "WHILE", "FOR", "LOOP",
        "RAISE", "RETURN", "EXIT", "CONTINUE", "NULL", "PERFORM", "GET", "OPEN", "WAITFOR", "HANDLER", "HELP",
        "EXCEPTION", "WHEN", "CASE", "REPEAT", "UNTIL", "LEAVE", "ITERATE", "SIGNAL", "RESIGNAL", "ASSERT",
    };

    // Keywords that can begin a statement with an effect; finding one after a read starts a new statement.
    private static readonly HashSet<string> EffectLeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "DROP", "TRUNCATE", "DELETE", "UPDATE", "INSERT", "ALTER", "CREATE", "GRANT", "REVOKE", "MERGE", "EXEC",
        "EXECUTE", "CALL", "COPY", "RENAME", "SHUTDOWN", "PREPARE", "UPSERT",
    };

    // A keyword after one of these is part of the clause, not a new statement (FOR UPDATE, SHOW CREATE TABLE).
    private static readonly HashSet<string> ClausePredecessors = new(StringComparer.OrdinalIgnoreCase)
    {
        ".", "[", "AS", "FOR", "KEY", "SHOW", "ON", "OF", "INSTEAD", "BEFORE", "AFTER", "OR", "EXPLAIN",
        "DESCRIBE", "DESC", "::", "=", ",", "(",
    };

    // Words that, opening a statement Airlock cannot parse, suggest it destroys something.
    private static readonly HashSet<string> DestructiveWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "PURGE", "DESTROY", "ERASE", "WIPE", "CLEAR", "REMOVE", "DROP", "DELETE", "TRUNCATE", "UNDROP",
    };

    // Statements that change data or configuration without destroying it.
    private static readonly HashSet<string> WriteLeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "KILL", "FLUSH", "OPTIMIZE", "REPAIR", "ANALYZE", "ANALYSE", "VACUUM", "CHECKPOINT", "REINDEX",
        "CLUSTER", "REFRESH", "LOCK", "UNLOCK", "NOTIFY", "IMPORT", "INSTALL", "UNINSTALL", "ATTACH", "DETACH",
        "REASSIGN", "COMMENT", "SECURITY", "CACHE", "UNCACHE", "MSCK", "RENAME", "SYSTEM", "EXCHANGE",
        "UNDROP", "BACKUP", "RESTORE", "CHECK", "CHECKSUM", "BINLOG", "CHANGE", "STOP", "RESTART",
    };

    // Options between a maintenance keyword and its table: VACUUM FULL ANALYZE t.
    private static readonly HashSet<string> OptionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE", "SKIP_LOCKED", "LOCAL", "NO_WRITE_TO_BINLOG", "CONCURRENTLY",
    };

    /// <summary>Lexes and classifies a whole input.</summary>
    public static void AnalyzeText(string text, bool backslashEscapes, bool procedural, SqlAnalysisContext context, SqlFindingSink sink) =>
        AnalyzeTokens(SqlLexer.Tokenize(text, backslashEscapes), procedural, context, sink);

    public static void AnalyzeTokens(SqlTokenList tokens, bool procedural, SqlAnalysisContext context, SqlFindingSink sink)
    {
        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && tokens[i].Kind is not (SqlTokenKind.Semicolon or SqlTokenKind.ClientCommand))
            {
                continue;
            }

            if (i > start)
            {
                ClassifyRange(tokens, start, i, procedural, context, sink);
            }

            if (i < tokens.Count && tokens[i].Kind == SqlTokenKind.ClientCommand)
            {
                SqlClientCommandClassifier.Classify(tokens.Span(i).ToString(), sink);
            }

            start = i + 1;
        }

        foreach (var tail in tokens.HashCommentTails)
        {
            // Only what Postgres would run beyond a '#': report effects, not a second read.
            foreach (var finding in SqlDynamicClassifier.AnalyzeNested(tokens.Text[tail], procedural, context))
            {
                if (finding.Kind != SqlKinds.Read)
                {
                    sink.Add(finding);
                }
            }
        }
    }

    /// <summary>Classifies tokens [start, end) as one statement, or several when a read runs into another.</summary>
    public static void ClassifyRange(SqlTokenList tokens, int start, int end, bool procedural, SqlAnalysisContext context, SqlFindingSink sink)
    {
        var position = start;
        while (position < end)
        {
            var lead = LeadIndex(tokens, position, end);
            var stop = end;
            if (lead >= end || tokens.IsSymbol(position, "(") || IsSplittable(tokens, lead))
            {
                stop = FindNextStatement(tokens, lead + 1, end);
            }

            ClassifyOne(tokens, position, stop, procedural, context, sink);
            position = stop;
        }
    }

    /// <summary>The first token after any opening parentheses, as in <c>(SELECT …) UNION …</c>.</summary>
    public static int LeadIndex(SqlTokenList tokens, int start, int end)
    {
        var lead = start;
        while (lead < end - 1 && tokens.IsSymbol(lead, "("))
        {
            lead++;
        }

        return lead;
    }

    /// <summary>The index of the first top-level token in [from, end) where <paramref name="word"/> appears, or -1.</summary>
    public static int FindTopLevel(SqlTokenList tokens, int from, int end, string word)
    {
        for (var i = from; i < end; i++)
        {
            if (tokens.IsSymbol(i, "("))
            {
                i = tokens.Match(i);
                continue;
            }

            if (tokens.IsWord(i, word))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Evidence(SqlTokenList tokens, int start, int end) =>
        tokens.Evidence(start, Math.Min(end, tokens.Count) - 1);

    private static bool IsSplittable(SqlTokenList tokens, int lead)
    {
        var keyword = tokens.Keyword(lead);
        return keyword.Length == 0 || ReadLeads.Contains(keyword) || keyword is "SET" or "PRAGMA" or "RESET"
            || !(EffectLeads.Contains(keyword) || WriteLeads.Contains(keyword) || IsKnownCompound(keyword));
    }

    private static bool IsKnownCompound(string keyword) =>
        keyword is "WITH" or "EXPLAIN" or "DO" or "REPLACE" or "LOAD" or "SOURCE" or "PURGE";

    private static int FindNextStatement(SqlTokenList tokens, int from, int end)
    {
        for (var i = from; i < end; i++)
        {
            if (tokens.IsSymbol(i, "("))
            {
                i = Math.Min(tokens.Match(i), end);
                continue;
            }

            if (tokens[i].Kind != SqlTokenKind.Word)
            {
                continue;
            }

            var word = tokens.Span(i).ToString();
            var startsStatement = EffectLeads.Contains(word)
                || (word.Equals("DO", StringComparison.OrdinalIgnoreCase)
                    && (tokens.IsKind(i + 1, SqlTokenKind.DollarString) || tokens.IsKind(i + 1, SqlTokenKind.String)));
            if (startsStatement && !ClausePredecessors.Contains(tokens.Span(i - 1).ToString()))
            {
                return i;
            }
        }

        return end;
    }

    private static void ClassifyOne(SqlTokenList tokens, int start, int end, bool procedural, SqlAnalysisContext context, SqlFindingSink sink)
    {
        var lead = LeadIndex(tokens, start, end);
        var keyword = tokens.Keyword(lead);
        var evidence = Evidence(tokens, start, end);
        switch (keyword)
        {
            case "SELECT":
                SqlDmlClassifier.Select(tokens, lead, end, procedural, evidence, sink);
                return;
            case "WITH":
                SqlDmlClassifier.With(tokens, lead, end, procedural, context, evidence, sink);
                return;
            case "INSERT" or "REPLACE" or "UPSERT" or "MERGE":
                SqlDmlClassifier.Insert(tokens, lead, end, evidence, sink);
                return;
            case "UPDATE":
                SqlDmlClassifier.Update(tokens, lead, end, evidence, sink);
                return;
            case "DELETE":
                SqlDmlClassifier.Delete(tokens, lead, end, evidence, sink);
                return;
            case "DROP":
                SqlDdlClassifier.Drop(tokens, lead, end, evidence, sink);
                return;
            case "TRUNCATE":
                SqlDdlClassifier.Truncate(tokens, lead, end, evidence, sink);
                return;
            case "ALTER":
                SqlDdlClassifier.Alter(tokens, lead, end, evidence, sink);
                return;
            case "CREATE":
                SqlDdlClassifier.Create(tokens, lead, end, evidence, sink);
                return;
            case "GRANT" or "REVOKE":
                SqlDdlClassifier.GrantOrRevoke(tokens, lead, end, evidence, sink);
                return;
            case "DO":
                SqlDynamicClassifier.Do(tokens, lead, end, context, evidence, sink);
                return;
            case "EXECUTE" or "EXEC":
                SqlDynamicClassifier.Execute(tokens, lead, end, context, evidence, sink);
                return;
            case "PREPARE":
                SqlDynamicClassifier.Prepare(tokens, lead, end, context, evidence, sink);
                return;
            case "EXPLAIN":
                SqlUtilityClassifier.Explain(tokens, lead, end, procedural, context, evidence, sink);
                return;
            case "COPY":
                SqlUtilityClassifier.Copy(tokens, lead + 1, end, clientSide: false, evidence, sink);
                return;
            case "SET":
                SqlUtilityClassifier.Set(tokens, lead, end, evidence, sink);
                return;
            case "RESET" or "PURGE":
                SqlUtilityClassifier.ResetOrPurge(tokens, lead, end, evidence, sink);
                return;
            case "PRAGMA":
                sink.Add(SqlKinds.Create(FindSymbol(tokens, lead, end, "=") ? SqlKinds.Write : SqlKinds.Read,
                    SqlNames.ReadQualified(tokens, lead + 1, end, out _), evidence));
                return;
            case "LOAD":
                SqlUtilityClassifier.Load(tokens, lead, end, evidence, sink);
                return;
            case "CALL":
                sink.Add(SqlKinds.Opaque(SqlNames.ReadQualified(tokens, lead + 1, end, out _), evidence));
                return;
            case "SOURCE":
                sink.Add(SqlKinds.Unrecognised(tokens.Slice(lead + 1, end - 1), evidence, destructive: false));
                return;
            case "SHUTDOWN":
                sink.Add(SqlKinds.Create(SqlKinds.Shutdown, "server", evidence));
                return;
            case "USE":
                sink.Add(SqlKinds.Create(SqlKinds.Read, SqlNames.ReadQualified(tokens, lead + 1, end, out _), evidence));
                return;
        }

        if (ReadLeads.Contains(keyword) || (procedural && keyword.Length > 0))
        {
            // In a procedural body an unknown word is control flow or an assignment; effects are found by splitting.
            sink.Add(SqlKinds.Create(SqlKinds.Read, "", evidence));
        }
        else if (WriteLeads.Contains(keyword))
        {
            sink.Add(SqlKinds.Create(SqlKinds.Write, TargetAfterTypeWords(tokens, lead + 1, end), evidence));
        }
        else
        {
            sink.Add(SqlKinds.Unrecognised("", evidence, DestructiveWords.Contains(keyword)));
        }
    }

    private static string TargetAfterTypeWords(SqlTokenList tokens, int from, int end)
    {
        var i = from;
        while (i < end && (tokens.IsSymbol(i, "(") || OptionWords.Contains(tokens.Span(i).ToString())))
        {
            i = tokens.IsSymbol(i, "(") ? tokens.Match(i) + 1 : i + 1;
        }

        i = SqlDdlClassifier.SkipTypeWords(tokens, i, end);
        return SqlNames.ReadList(tokens, i, end, skipAliases: false, out _);
    }

    private static bool FindSymbol(SqlTokenList tokens, int from, int end, string symbol)
    {
        for (var i = from; i < end; i++)
        {
            if (tokens.IsSymbol(i, symbol))
            {
                return true;
            }
        }

        return false;
    }
}
