namespace Airlock.Sql;

/// <summary>
/// Classifies statements that run other SQL: DO blocks, EXECUTE of a string or a prepared
/// statement, PREPARE. The SQL inside literals is analyzed in turn; what cannot be seen
/// (a variable, a procedure) is reported as opaque.
/// </summary>
internal static class SqlDynamicClassifier
{
    private const string Dynamic = "(dynamic)";

    /// <summary>Analyzes SQL found inside another statement, one level deeper.</summary>
    public static IReadOnlyList<SqlFinding> AnalyzeNested(string text, bool procedural, SqlAnalysisContext context)
    {
        if (context.Depth >= SqlAnalysisContext.MaxDepth)
        {
            return [SqlKinds.Opaque(Dynamic, text)];
        }

        context.Depth++;
        var inner = new SqlFindingSink(int.MaxValue);
        SqlStatementClassifier.AnalyzeText(text, backslashEscapes: false, procedural, context, inner);
        context.Depth--;
        return inner.Items;
    }

    public static void Do(SqlTokenList tokens, int lead, int end, SqlAnalysisContext context, string evidence, SqlFindingSink sink)
    {
        string? language = null;
        var body = -1;
        for (var i = lead + 1; i < end; i++)
        {
            if (tokens.IsWord(i, "LANGUAGE") && i + 1 < end)
            {
                language = tokens.Unquoted(i + 1);
            }
            else if (body < 0 && tokens[i].Kind is SqlTokenKind.String or SqlTokenKind.DollarString)
            {
                body = i;
            }
        }

        if (body < 0)
        {
            sink.Add(SqlKinds.Opaque("DO", evidence));
            return;
        }

        if (language is not null && !language.Equals("plpgsql", StringComparison.OrdinalIgnoreCase)
            && !language.Equals("sql", StringComparison.OrdinalIgnoreCase))
        {
            // PL/Python, PL/Perl and friends can do anything, including reaching the operating system.
            sink.Add(SqlKinds.Opaque($"DO ({language})", evidence));
            return;
        }

        var effects = AnalyzeNested(tokens.Unquoted(body), procedural: true, context)
            .Where(finding => finding.Kind != SqlKinds.Read)
            .ToList();
        if (effects.Count == 0)
        {
            sink.Add(SqlKinds.Create(SqlKinds.Read, "DO", evidence));
            return;
        }

        sink.AddRange(effects);
    }

    public static void Execute(SqlTokenList tokens, int lead, int end, SqlAnalysisContext context, string evidence, SqlFindingSink sink)
    {
        var i = lead + 1;
        if (tokens.IsWord(i, "IMMEDIATE"))
        {
            i++;
        }

        if (i + 1 < end && tokens[i].Kind == SqlTokenKind.Word && tokens.Span(i).StartsWith("@") && tokens.IsSymbol(i + 1, "="))
        {
            // EXEC @status = procedure …
            i += 2;
        }

        while (tokens.IsSymbol(i, "("))
        {
            i++;
        }

        if (i >= end)
        {
            sink.Add(SqlKinds.Opaque(Dynamic, evidence));
            return;
        }

        if (tokens[i].Kind is SqlTokenKind.String or SqlTokenKind.DollarString)
        {
            Literal(tokens, i, end, context, evidence, sink);
            return;
        }

        if (tokens.IsWord(i, "format") && tokens.IsSymbol(i + 1, "(") && IsLiteral(tokens, i + 2, end))
        {
            Literal(tokens, i + 2, end, context, evidence, sink);
            return;
        }

        var name = SqlNames.ReadQualified(tokens, i, end, out var after);
        var last = name[(name.LastIndexOf('.') + 1)..];
        if (last.Equals("sp_executesql", StringComparison.OrdinalIgnoreCase) && IsLiteral(tokens, after, end))
        {
            Literal(tokens, after, end, context, evidence, sink);
        }
        else if (last.Equals("xp_cmdshell", StringComparison.OrdinalIgnoreCase))
        {
            sink.Add(SqlKinds.Create(SqlKinds.Shell, IsLiteral(tokens, after, end) ? tokens.Unquoted(after) : name, evidence));
        }
        else if (name.Length > 0 && context.Prepared.TryGetValue(name, out var prepared))
        {
            foreach (var finding in prepared)
            {
                sink.Add(finding with { Evidence = evidence });
            }
        }
        else
        {
            sink.Add(SqlKinds.Opaque(name.Length > 0 ? name : Dynamic, evidence));
        }
    }

    public static void Prepare(SqlTokenList tokens, int lead, int end, SqlAnalysisContext context, string evidence, SqlFindingSink sink)
    {
        var name = SqlNames.ReadQualified(tokens, lead + 1, end, out var i);
        if (tokens.IsSymbol(i, "("))
        {
            i = tokens.Match(i) + 1;
        }

        var inner = new SqlFindingSink(int.MaxValue);
        if (i < end && tokens.IsWord(i, "AS") && i + 1 < end && context.Depth < SqlAnalysisContext.MaxDepth)
        {
            context.Depth++;
            SqlStatementClassifier.ClassifyRange(tokens, i + 1, end, procedural: false, context, inner);
            context.Depth--;
        }
        else if (i < end && tokens.IsWord(i, "FROM") && IsLiteral(tokens, i + 1, end))
        {
            Literal(tokens, i + 1, end, context, evidence, inner);
        }
        else
        {
            inner.Add(SqlKinds.Opaque(name, evidence));
        }

        // Preparing states the intent to run it, and the EXECUTE may come in a later call.
        var findings = inner.Items.Select(finding => finding with { Evidence = evidence }).ToList();
        if (name.Length > 0)
        {
            context.Prepared[name] = findings;
        }

        sink.AddRange(findings);
    }

    private static bool IsLiteral(SqlTokenList tokens, int index, int end) =>
        index < end && tokens[index].Kind is SqlTokenKind.String or SqlTokenKind.DollarString;

    private static void Literal(SqlTokenList tokens, int index, int end, SqlAnalysisContext context, string evidence, SqlFindingSink sink)
    {
        var text = tokens.Unquoted(index);
        if (string.IsNullOrWhiteSpace(text))
        {
            sink.Add(SqlKinds.Opaque(Dynamic, evidence));
            return;
        }

        // 'DROP TABLE ' || name: the literal is a prefix, which still says what kind of statement runs.
        var concatenated = index + 1 < end && (tokens.IsSymbol(index + 1, "||") || tokens.IsSymbol(index + 1, "+"));
        var inner = AnalyzeNested(text, procedural: false, context);
        if (inner.Count == 0)
        {
            sink.Add(SqlKinds.Opaque(Dynamic, evidence));
            return;
        }

        foreach (var finding in inner)
        {
            sink.Add(finding with
            {
                Target = finding.Target.Length == 0 || concatenated && finding.Kind != SqlKinds.Read ? Combine(finding.Target) : finding.Target,
                Evidence = evidence,
            });
        }
    }

    private static string Combine(string target) => target.Length == 0 ? Dynamic : $"{target} {Dynamic}";
}
