using System.Globalization;

namespace Airlock.Sql;

/// <summary>
/// Finds the <c>redis.call</c>/<c>redis.pcall</c> calls of an EVAL script and classifies each
/// one; KEYS[n] and ARGV[n] are replaced by the values EVAL passes. A command name Airlock cannot
/// read, or a script that loads code, is opaque.
/// </summary>
internal static class RedisLuaScript
{
    public static void Classify(
        IReadOnlyList<string> words,
        int depth,
        string evidence,
        SqlFindingSink sink,
        Action<IReadOnlyList<string>, int, SqlFindingSink> classifyCommand)
    {
        var tokens = LuaLexer.Tokenize(words[1]);
        var keyCount = words.Count > 2 && int.TryParse(words[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? Math.Clamp(count, 0, words.Count - 3)
            : 0;
        var keys = words.Skip(3).Take(keyCount).ToArray();
        var arguments = words.Skip(3 + keyCount).ToArray();

        var inner = new SqlFindingSink(int.MaxValue);
        var calls = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens.IsIdentifier(i, "loadstring") || tokens.IsIdentifier(i, "load") || tokens.IsIdentifier(i, "dofile")
                || tokens.IsIdentifier(i, "loadfile") || tokens.IsIdentifier(i, "require"))
            {
                inner.Add(SqlKinds.Opaque("script", evidence));
                continue;
            }

            if (!(tokens.IsIdentifier(i, "redis") || tokens.IsIdentifier(i, "server")) || !tokens.Is(i + 1, '.')
                || !(tokens.IsIdentifier(i + 2, "call") || tokens.IsIdentifier(i + 2, "pcall")) || !tokens.Is(i + 3, '('))
            {
                continue;
            }

            calls++;
            var call = Arguments(tokens, i + 3, keys, arguments);
            if (call.Count == 0 || call[0] is null)
            {
                inner.Add(SqlKinds.Opaque("script", evidence));
            }
            else
            {
                classifyCommand(call.Select(word => word ?? "?").ToList(), depth, inner);
            }
        }

        if (calls == 0 && inner.Items.Count == 0)
        {
            sink.Add(SqlKinds.Create(SqlKinds.Read, "script", evidence));
            return;
        }

        foreach (var finding in inner.Items)
        {
            sink.Add(finding with { Evidence = SqlKinds.Clip(evidence) });
        }
    }

    /// <summary>The literal value of each argument of a call, or null where it is computed.</summary>
    private static List<string?> Arguments(JsTokenList tokens, int open, string[] keys, string[] arguments)
    {
        var close = tokens.Match(open);
        close = close < 0 ? tokens.Count : Math.Min(close, tokens.Count);
        var values = new List<string?>();
        var start = open + 1;
        for (var i = open + 1; i <= close; i++)
        {
            if (i < close && (tokens.Is(i, '(') || tokens.Is(i, '[') || tokens.Is(i, '{')))
            {
                var match = tokens.Match(i);
                i = match < 0 ? close - 1 : Math.Min(match, close - 1);
                continue;
            }

            if (i < close && !tokens.Is(i, ','))
            {
                continue;
            }

            if (i > start)
            {
                values.Add(Value(tokens, start, i, keys, arguments));
            }

            start = i + 1;
        }

        return values;
    }

    private static string? Value(JsTokenList tokens, int start, int end, string[] keys, string[] arguments)
    {
        if (end - start == 1 && tokens.IsKind(start, JsTokenKind.String))
        {
            return tokens.Value(start);
        }

        if (end - start == 1 && tokens.IsKind(start, JsTokenKind.Number))
        {
            return tokens.Span(start).ToString();
        }

        // KEYS[1] / ARGV[2]
        if (end - start == 4 && tokens.Is(start + 1, '[') && tokens.IsKind(start + 2, JsTokenKind.Number) && tokens.Is(start + 3, ']')
            && int.TryParse(tokens.Span(start + 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            var source = tokens.IsIdentifier(start, "KEYS") ? keys : tokens.IsIdentifier(start, "ARGV") ? arguments : null;
            if (source is not null)
            {
                return n <= source.Length ? source[n - 1] : "";
            }
        }

        return null;
    }
}
