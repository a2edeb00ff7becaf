namespace Airlock.Sql;

/// <summary>Classifies SELECT, WITH, INSERT/MERGE, UPDATE and DELETE by what they touch and how much of it.</summary>
internal static class SqlDmlClassifier
{
    public static void Select(SqlTokenList tokens, int lead, int end, bool procedural, string evidence, SqlFindingSink sink)
    {
        var effect = SqlFunctionEffects.MostSevere(tokens, lead, end, evidence);
        if (effect is not null)
        {
            sink.Add(effect);
            return;
        }

        var into = SqlStatementClassifier.FindTopLevel(tokens, lead + 1, end, "INTO");
        if (into >= 0 && !procedural)
        {
            if (tokens.IsWord(into + 1, "OUTFILE") || tokens.IsWord(into + 1, "DUMPFILE"))
            {
                // Writes a file on the database server.
                sink.Add(SqlKinds.Create(SqlKinds.Write, tokens.Unquoted(Math.Min(into + 2, end - 1)), evidence));
                return;
            }

            var variable = into + 1 < end && (tokens.Span(into + 1).StartsWith("@") || tokens.IsSymbol(into + 1, ":"));
            if (!variable)
            {
                var skip = tokens.IsWord(into + 1, "TEMP") || tokens.IsWord(into + 1, "TEMPORARY") || tokens.IsWord(into + 1, "UNLOGGED") ? 1 : 0;
                skip += tokens.IsWord(into + 1 + skip, "TABLE") ? 1 : 0;
                sink.Add(SqlKinds.Create(SqlKinds.Write, SqlNames.ReadQualified(tokens, into + 1 + skip, end, out _), evidence));
                return;
            }
        }

        sink.Add(SqlKinds.Create(SqlKinds.Read, FromTarget(tokens, lead, end), evidence));
    }

    /// <summary>
    /// A WITH statement does what its most destructive part does: a data-modifying CTE
    /// (<c>WITH d AS (DELETE FROM t RETURNING *) SELECT …</c>) deletes even though the main query reads.
    /// </summary>
    public static void With(SqlTokenList tokens, int lead, int end, bool procedural, SqlAnalysisContext context, string evidence, SqlFindingSink sink)
    {
        if (context.Depth >= SqlAnalysisContext.MaxDepth)
        {
            sink.Add(SqlKinds.Opaque("", evidence));
            return;
        }

        context.Depth++;
        var parts = new SqlFindingSink(int.MaxValue);
        var i = lead + 1;
        if (tokens.IsWord(i, "RECURSIVE"))
        {
            i++;
        }

        while (i < end)
        {
            // name [(columns)] AS [NOT] [MATERIALIZED] ( body )
            i++;
            if (tokens.IsSymbol(i, "("))
            {
                i = tokens.Match(i) + 1;
            }

            if (i >= end || !tokens.IsWord(i, "AS"))
            {
                break;
            }

            i++;
            while (tokens.IsWord(i, "NOT") || tokens.IsWord(i, "MATERIALIZED"))
            {
                i++;
            }

            if (!tokens.IsSymbol(i, "(") || i >= end)
            {
                break;
            }

            var close = Math.Min(tokens.Match(i), end);
            if (close > i + 1)
            {
                SqlStatementClassifier.ClassifyRange(tokens, i + 1, close, procedural, context, parts);
            }

            i = close + 1;
            if (!tokens.IsSymbol(i, ","))
            {
                break;
            }

            i++;
        }

        if (i < end)
        {
            SqlStatementClassifier.ClassifyRange(tokens, i, end, procedural, context, parts);
        }

        context.Depth--;
        var effects = parts.Items.Where(finding => finding.Kind != SqlKinds.Read).ToList();
        if (effects.Count == 0)
        {
            var main = parts.Items.Count > 0 ? parts.Items[^1].Target : "";
            sink.Add(SqlKinds.Create(SqlKinds.Read, main, evidence));
            return;
        }

        foreach (var effect in effects)
        {
            sink.Add(effect with { Evidence = evidence });
        }
    }

    public static void Insert(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        var overwrite = false;
        while (i < end && tokens[i].Kind == SqlTokenKind.Word)
        {
            var word = tokens.Keyword(i);
            if (word is "INTO" or "TABLE" or "IGNORE" or "LOW_PRIORITY" or "DELAYED" or "HIGH_PRIORITY" or "OR"
                or "ROLLBACK" or "ABORT" or "FAIL" or "REPLACE" or "TOP")
            {
                i++;
            }
            else if (word == "OVERWRITE")
            {
                overwrite = true;
                i++;
            }
            else
            {
                break;
            }
        }

        var target = SqlNames.ReadQualified(tokens, i, end, out _);
        // INSERT OVERWRITE (Hive, Spark, Databricks) replaces every existing row.
        sink.Add(SqlKinds.Create(overwrite ? SqlKinds.DeleteAll : SqlKinds.Write, target, evidence));
    }

    public static void Update(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        while (tokens.IsWord(i, "LOW_PRIORITY") || tokens.IsWord(i, "IGNORE") || tokens.IsWord(i, "ONLY"))
        {
            i++;
        }

        if (tokens.IsWord(i, "OR") && i + 1 < end)
        {
            i += 2;
        }

        var target = SqlNames.ReadList(tokens, i, end, skipAliases: true, out _);
        var kind = WhereKind(tokens, lead + 1, end, SqlKinds.UpdateAll);
        sink.Add(SqlKinds.Create(kind, target, evidence));
    }

    public static void Delete(SqlTokenList tokens, int lead, int end, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        while (tokens.IsWord(i, "LOW_PRIORITY") || tokens.IsWord(i, "QUICK") || tokens.IsWord(i, "IGNORE"))
        {
            i++;
        }

        string target;
        if (tokens.IsWord(i, "FROM"))
        {
            i++;
            if (tokens.IsWord(i, "ONLY"))
            {
                i++;
            }

            target = SqlNames.ReadList(tokens, i, end, skipAliases: true, out _);
        }
        else
        {
            // MySQL's multi-table form names the tables first: DELETE t1, t2 FROM t1 JOIN t2 …
            target = SqlNames.ReadList(tokens, i, end, skipAliases: false, out _);
        }

        // Even with a WHERE clause, deleted rows are gone: a targeted delete, not a reversible write.
        var kind = WhereKind(tokens, lead + 1, end, SqlKinds.DeleteAll);
        sink.Add(SqlKinds.Create(kind == SqlKinds.Write ? SqlKinds.Delete : kind, target, evidence));
    }

    /// <summary>Write when a WHERE clause narrows the rows; <paramref name="allRowsKind"/> when none does.</summary>
    public static string WhereKind(SqlTokenList tokens, int from, int end, string allRowsKind)
    {
        var where = SqlStatementClassifier.FindTopLevel(tokens, from, end, "WHERE");
        if (where < 0)
        {
            return allRowsKind;
        }

        if (tokens.IsWord(where + 1, "CURRENT") && tokens.IsWord(where + 2, "OF"))
        {
            return SqlKinds.Write;
        }

        var clauseEnd = end;
        foreach (var word in (ReadOnlySpan<string>)["RETURNING", "ORDER", "LIMIT", "OUTPUT", "SETTINGS"])
        {
            var stop = SqlStatementClassifier.FindTopLevel(tokens, where + 1, clauseEnd, word);
            if (stop >= 0)
            {
                clauseEnd = stop;
            }
        }

        return TrivialPredicate.IsTriviallyTrue(tokens, where + 1, clauseEnd) ? allRowsKind : SqlKinds.Write;
    }

    /// <summary>The first table after a top-level FROM, for reads.</summary>
    private static string FromTarget(SqlTokenList tokens, int lead, int end)
    {
        var from = SqlStatementClassifier.FindTopLevel(tokens, lead + 1, end, "FROM");
        return from < 0 ? "" : SqlNames.ReadQualified(tokens, from + 1, end, out _);
    }
}
