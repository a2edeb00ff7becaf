namespace Airlock.Sql;

/// <summary>
/// Classifies mongosh JavaScript (<c>--eval</c> text or a script) by the database methods it
/// calls: <c>db.users.drop()</c>, <c>deleteMany({})</c>, <c>runCommand({dropDatabase: 1})</c>.
/// Never throws; linear in the input; findings are capped.
/// </summary>
internal static class MongoAnalyzer
{
    // How far back to look for the start of a call chain, for evidence; keeps long chains linear.
    private const int MaxChainSteps = 32;

    public static IReadOnlyList<SqlFinding> Analyze(string script)
    {
        if (string.IsNullOrWhiteSpace(script))
        {
            return [];
        }

        try
        {
            var tokens = JsLexer.Tokenize(script);
            var sink = new SqlFindingSink(SqlFindingSink.DefaultCap);
            string? currentDatabase = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (StartsStatement(tokens, i) && (tokens.IsIdentifier(i, "use") || tokens.IsIdentifier(i, "show"))
                    && (tokens.IsKind(i + 1, JsTokenKind.Identifier) || tokens.IsKind(i + 1, JsTokenKind.String)))
                {
                    if (tokens.IsIdentifier(i, "use"))
                    {
                        currentDatabase = tokens.Value(i + 1);
                    }

                    sink.Add(SqlKinds.Create(SqlKinds.Read, tokens.Value(i + 1), tokens.Evidence(i, i + 1)));
                    i++;
                }
                else if (tokens.IsKind(i, JsTokenKind.Identifier) && tokens.Is(i + 1, '(') && !tokens.Is(i - 1, '.'))
                {
                    GlobalCall(tokens, i, sink);
                }
                else if (tokens.Is(i, '.') && tokens.IsKind(i + 1, JsTokenKind.Identifier) && tokens.Is(i + 2, '(')
                    && MongoMethods.Methods.TryGetValue(tokens.Span(i + 1).ToString(), out var kind))
                {
                    MethodCall(tokens, i, kind, currentDatabase, sink);
                }
            }

            if (sink.Items.Count == 0)
            {
                sink.Add(SqlKinds.Unrecognised("", script, destructive: false));
            }

            return sink.ToResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A classifier bug must not let a script through as harmless.
            return [SqlKinds.Opaque("", script)];
        }
    }

    private static bool StartsStatement(JsTokenList tokens, int index)
    {
        if (index == 0 || tokens.Is(index - 1, ';'))
        {
            return true;
        }

        var previousEnd = tokens.Tokens[index - 1].End;
        return tokens.Text.AsSpan(previousEnd, tokens.Tokens[index].Start - previousEnd).Contains('\n');
    }

    private static void GlobalCall(JsTokenList tokens, int index, SqlFindingSink sink)
    {
        var name = tokens.Span(index);
        if (name is not ("load" or "eval" or "Function"))
        {
            return;
        }

        var evidence = tokens.Evidence(index, Close(tokens, index + 1));
        var argument = tokens.IsKind(index + 2, JsTokenKind.String) ? tokens.Value(index + 2) : "";
        if (name is "load")
        {
            sink.Add(SqlKinds.Unrecognised(argument, evidence, destructive: false));
        }
        else if (name is "eval" or "Function")
        {
            sink.Add(SqlKinds.Opaque(argument, evidence));
        }
    }

    private static void MethodCall(JsTokenList tokens, int dot, string kind, string? currentDatabase, SqlFindingSink sink)
    {
        var method = tokens.Span(dot + 1).ToString();
        var open = dot + 2;
        var close = Close(tokens, open);
        var evidence = tokens.Evidence(ChainStart(tokens, dot), close);
        var (database, collection) = Receiver(tokens, dot, currentDatabase);
        var target = collection is null ? database ?? "db" : database is null ? collection : $"{database}.{collection}";
        var firstArgument = tokens.IsKind(open + 1, JsTokenKind.String) ? tokens.Value(open + 1) : null;

        switch (kind)
        {
            case SqlKinds.Read:
                // db.c.find().count() is one read, not two.
                if (!IsChainedOnKnownCall(tokens, dot))
                {
                    sink.Add(SqlKinds.Create(SqlKinds.Read, target, evidence));
                }

                return;
            case MongoMethods.Aggregate:
                sink.Add(AggregateFinding(tokens, open, close, target, evidence));
                return;
            case MongoMethods.FilterDependent:
                sink.Add(SqlKinds.Create(FilterKind(tokens, method, open, close), target, evidence));
                return;
            case MongoMethods.Command:
                sink.Add(CommandFinding(tokens, open, close, database ?? "db", evidence));
                return;
            case MongoMethods.Opaque:
                sink.Add(SqlKinds.Opaque(target, evidence));
                return;
        }

        if (method == "bulkWrite")
        {
            kind = BulkWriteKind(tokens, open, close);
        }
        else if (method is "dropAllUsers" or "dropAllRoles")
        {
            target = method == "dropAllUsers" ? "all users" : "all roles";
        }
        else if (method is "dropUser" or "dropRole" or "dropIndex" or "dropSearchIndex" && firstArgument is not null)
        {
            target = $"{target}: {firstArgument}";
        }

        sink.Add(SqlKinds.Create(kind, target, evidence));
    }

    private static string FilterKind(JsTokenList tokens, string method, int open, int close)
    {
        var empty = close == open + 1 || (tokens.Is(open + 1, '{') && tokens.Match(open + 1) == open + 2);
        if (!empty)
        {
            return SqlKinds.Write;
        }

        return method switch
        {
            "deleteMany" or "remove" => SqlKinds.DeleteAll,
            "updateMany" => SqlKinds.UpdateAll,
            // The legacy update() changes one document unless told {multi: true}.
            _ => HasTrueOption(tokens, open, close, "multi") ? SqlKinds.UpdateAll : SqlKinds.Write,
        };
    }

    private static SqlFinding AggregateFinding(JsTokenList tokens, int open, int close, string target, string evidence)
    {
        for (var i = open + 1; i < close; i++)
        {
            if (tokens.Tokens[i].Kind is JsTokenKind.Identifier or JsTokenKind.String
                && tokens.Value(i) is "$out" or "$merge")
            {
                // $out replaces its target collection; $merge writes into it.
                var destination = tokens.Is(i + 1, ':') && tokens.IsKind(i + 2, JsTokenKind.String) ? tokens.Value(i + 2) : target;
                return SqlKinds.Create(SqlKinds.Write, destination, evidence);
            }
        }

        return SqlKinds.Create(SqlKinds.Read, target, evidence);
    }

    private static SqlFinding CommandFinding(JsTokenList tokens, int open, int close, string database, string evidence)
    {
        var nameIndex = tokens.Is(open + 1, '{') ? open + 2 : open + 1;
        if (!(tokens.IsKind(nameIndex, JsTokenKind.Identifier) || tokens.IsKind(nameIndex, JsTokenKind.String)) || nameIndex >= close)
        {
            return SqlKinds.Unrecognised(database, evidence, destructive: false);
        }

        var name = tokens.Value(nameIndex);
        var value = tokens.Is(nameIndex + 1, ':') && tokens.IsKind(nameIndex + 2, JsTokenKind.String) ? tokens.Value(nameIndex + 2) : null;
        var target = value ?? database;
        if (!MongoMethods.Commands.TryGetValue(name, out var kind))
        {
            return SqlKinds.Unrecognised(target, evidence, destructive: false);
        }

        switch (kind)
        {
            case MongoMethods.Aggregate:
                return AggregateFinding(tokens, open, close, target, evidence);
            case MongoMethods.Opaque:
                return SqlKinds.Opaque(target, evidence);
            case MongoMethods.FilterDependent:
                // {delete: 'c', deletes: [{q: {}, limit: 0}]}: an empty q matches every document.
                var all = HasEmptyQuery(tokens, open, close)
                    && (name.Equals("delete", StringComparison.OrdinalIgnoreCase) || HasTrueOption(tokens, open, close, "multi"));
                var allKind = name.Equals("delete", StringComparison.OrdinalIgnoreCase) ? SqlKinds.DeleteAll : SqlKinds.UpdateAll;
                return SqlKinds.Create(all ? allKind : SqlKinds.Write, target, evidence);
            default:
                return SqlKinds.Create(kind, target, evidence);
        }
    }

    /// <summary>bulkWrite does what its worst operation does: a deleteMany or updateMany with an empty filter touches everything.</summary>
    private static string BulkWriteKind(JsTokenList tokens, int open, int close)
    {
        var kind = SqlKinds.Write;
        var operation = "";
        for (var i = open + 1; i < close - 3; i++)
        {
            if (tokens.IsIdentifier(i, "deleteMany") || tokens.IsIdentifier(i, "updateMany"))
            {
                operation = tokens.Span(i).ToString();
            }
            else if (operation.Length > 0 && tokens.IsIdentifier(i, "filter") && tokens.Is(i + 1, ':')
                && tokens.Is(i + 2, '{') && tokens.Match(i + 2) == i + 3)
            {
                if (operation == "deleteMany")
                {
                    return SqlKinds.DeleteAll;
                }

                kind = SqlKinds.UpdateAll;
            }
        }

        return kind;
    }

    private static bool HasEmptyQuery(JsTokenList tokens, int open, int close)
    {
        for (var i = open + 1; i < close - 2; i++)
        {
            if ((tokens.IsIdentifier(i, "q") || (tokens.IsKind(i, JsTokenKind.String) && tokens.Value(i) == "q"))
                && tokens.Is(i + 1, ':') && tokens.Is(i + 2, '{') && tokens.Match(i + 2) == i + 3)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTrueOption(JsTokenList tokens, int open, int close, string option)
    {
        for (var i = open + 1; i < close - 2; i++)
        {
            if ((tokens.IsIdentifier(i, option) || (tokens.IsKind(i, JsTokenKind.String) && tokens.Value(i) == option))
                && tokens.Is(i + 1, ':') && (tokens.IsIdentifier(i + 2, "true") || tokens.Span(i + 2) is "1"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The database and collection a method is called on: db.c, db.getCollection('c'), db['c'], db.getSiblingDB('d').c.</summary>
    private static (string? Database, string? Collection) Receiver(JsTokenList tokens, int dot, string? currentDatabase)
    {
        var j = dot - 1;
        if (tokens.IsIdentifier(j, "db") && !tokens.Is(j - 1, '.'))
        {
            return (currentDatabase ?? "db", null);
        }

        if (tokens.IsKind(j, JsTokenKind.Identifier))
        {
            var database = tokens.Is(j - 1, '.') ? DatabaseAt(tokens, j - 2, currentDatabase) : null;
            return (database, tokens.Value(j));
        }

        if (tokens.Is(j, ')') && tokens.Match(j) > 0)
        {
            var function = tokens.Match(j) - 1;
            var argument = tokens.IsKind(function + 2, JsTokenKind.String) ? tokens.Value(function + 2) : "?";
            if (tokens.IsIdentifier(function, "getSiblingDB") || tokens.IsIdentifier(function, "getDB"))
            {
                return (argument, null);
            }

            if (tokens.IsIdentifier(function, "getCollection") || tokens.IsIdentifier(function, "collection"))
            {
                var database = tokens.Is(function - 1, '.') ? DatabaseAt(tokens, function - 2, currentDatabase) : null;
                return (database, argument);
            }
        }

        if (tokens.Is(j, ']') && tokens.Match(j) > 0)
        {
            var open = tokens.Match(j);
            var collection = tokens.IsKind(open + 1, JsTokenKind.String) ? tokens.Value(open + 1) : "?";
            return (DatabaseAt(tokens, open - 1, currentDatabase), collection);
        }

        return (null, "?");
    }

    private static string? DatabaseAt(JsTokenList tokens, int index, string? currentDatabase)
    {
        if (tokens.IsIdentifier(index, "db"))
        {
            return currentDatabase;
        }

        if (tokens.Is(index, ')') && tokens.Match(index) > 0)
        {
            var function = tokens.Match(index) - 1;
            if ((tokens.IsIdentifier(function, "getSiblingDB") || tokens.IsIdentifier(function, "getDB"))
                && tokens.IsKind(function + 2, JsTokenKind.String))
            {
                return tokens.Value(function + 2);
            }
        }

        return null;
    }

    private static bool IsChainedOnKnownCall(JsTokenList tokens, int dot)
    {
        if (!tokens.Is(dot - 1, ')') || tokens.Match(dot - 1) <= 0)
        {
            return false;
        }

        var function = tokens.Match(dot - 1) - 1;
        return tokens.IsKind(function, JsTokenKind.Identifier) && MongoMethods.Methods.ContainsKey(tokens.Span(function).ToString());
    }

    private static int ChainStart(JsTokenList tokens, int dot)
    {
        var i = dot - 1;
        for (var steps = 0; steps < MaxChainSteps && i >= 0; steps++)
        {
            if ((tokens.Is(i, ')') || tokens.Is(i, ']')) && tokens.Match(i) >= 0)
            {
                i = tokens.Match(i) - 1;
            }
            else if (tokens.IsKind(i, JsTokenKind.Identifier) && tokens.Is(i - 1, '.'))
            {
                i -= 2;
            }
            else
            {
                break;
            }
        }

        return Math.Max(i, 0);
    }

    private static int Close(JsTokenList tokens, int open)
    {
        var close = tokens.Match(open);
        return close < 0 || close >= tokens.Count ? tokens.Count - 1 : close;
    }
}
