using System.Globalization;

namespace Airlock.Sql;

/// <summary>
/// Recognises WHERE clauses that select every row anyway (<c>1=1</c>, <c>true</c>, <c>'a'='a'</c>,
/// <c>id = id</c>, <c>x OR 1=1</c>), which agents and injected prompts use to dodge a "no WHERE" check.
/// </summary>
internal static class TrivialPredicate
{
    private const int MaxDepth = 32;

    public static bool IsTriviallyTrue(SqlTokenList tokens, int start, int end) => IsTrue(tokens, start, end, 0);

    private static bool IsTrue(SqlTokenList tokens, int start, int end, int depth)
    {
        if (depth > MaxDepth || start >= end)
        {
            return false;
        }

        while (tokens.IsSymbol(start, "(") && tokens.Match(start) == end - 1 && end - start > 2)
        {
            start++;
            end--;
        }

        // Any true disjunct makes the whole clause true; every conjunct must be true for an AND.
        var disjuncts = SplitTopLevel(tokens, start, end, "OR", "||");
        if (disjuncts.Count > 1)
        {
            return disjuncts.Exists(part => IsTrue(tokens, part.Start, part.End, depth + 1));
        }

        var conjuncts = SplitTopLevel(tokens, start, end, "AND", "&&");
        if (conjuncts.Count > 1)
        {
            return conjuncts.TrueForAll(part => IsTrue(tokens, part.Start, part.End, depth + 1));
        }

        if (end - start == 1)
        {
            return IsTruthyLiteral(tokens, start);
        }

        if (end - start == 2 && tokens.IsWord(start, "NOT"))
        {
            return tokens.IsWord(start + 1, "FALSE") || IsZero(tokens, start + 1);
        }

        if (tokens.IsWord(end - 2, "LIKE") && tokens.IsKind(end - 1, SqlTokenKind.String))
        {
            var pattern = tokens.Unquoted(end - 1);
            return pattern.Length > 0 && pattern.Trim('%').Length == 0;
        }

        return IsTrueComparison(tokens, start, end);
    }

    private static bool IsTrueComparison(SqlTokenList tokens, int start, int end)
    {
        var op = -1;
        for (var i = start; i < end; i++)
        {
            if (tokens.IsSymbol(i, "("))
            {
                i = tokens.Match(i);
                continue;
            }

            if (tokens.IsKind(i, SqlTokenKind.Symbol) && IsComparison(tokens.Span(i)))
            {
                op = i;
                break;
            }
        }

        if (op <= start || op >= end - 1)
        {
            return false;
        }

        var symbol = tokens.Span(op);
        var equalish = symbol is "=" or "==" or ">=" or "<=" or "<=>";
        if (SameTokens(tokens, start, op, op + 1, end))
        {
            return equalish;
        }

        if (op - start != 1 || end - op != 2 || !IsLiteral(tokens, start) || !IsLiteral(tokens, op + 1))
        {
            return false;
        }

        var left = tokens.Unquoted(start);
        var right = tokens.Unquoted(op + 1);
        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return symbol switch
            {
                "=" or "==" or "<=>" => a == b,
                "<>" or "!=" => a != b,
                ">=" => a >= b,
                "<=" => a <= b,
                ">" => a > b,
                "<" => a < b,
                _ => false,
            };
        }

        var equal = string.Equals(left, right, StringComparison.Ordinal);
        return equalish ? equal : symbol is "<>" or "!=" && !equal;
    }

    private static bool IsComparison(ReadOnlySpan<char> symbol) =>
        symbol is "=" or "==" or "<>" or "!=" or ">=" or "<=" or ">" or "<" or "<=>";

    private static bool IsLiteral(SqlTokenList tokens, int index) =>
        tokens.IsKind(index, SqlTokenKind.Number) || tokens.IsKind(index, SqlTokenKind.String)
        || tokens.IsWord(index, "TRUE") || tokens.IsWord(index, "FALSE");

    private static bool IsTruthyLiteral(SqlTokenList tokens, int index)
    {
        if (tokens.IsWord(index, "TRUE") || tokens.IsWord(index, "ON"))
        {
            return true;
        }

        if (tokens.IsKind(index, SqlTokenKind.Number) || tokens.IsKind(index, SqlTokenKind.String))
        {
            return decimal.TryParse(tokens.Unquoted(index), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value != 0;
        }

        return false;
    }

    private static bool IsZero(SqlTokenList tokens, int index) =>
        tokens.IsKind(index, SqlTokenKind.Number)
        && decimal.TryParse(tokens.Unquoted(index), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && value == 0;

    private static bool SameTokens(SqlTokenList tokens, int aStart, int aEnd, int bStart, int bEnd)
    {
        if (aEnd - aStart != bEnd - bStart || aEnd == aStart)
        {
            return false;
        }

        for (var k = 0; k < aEnd - aStart; k++)
        {
            if (tokens[aStart + k].Kind != tokens[bStart + k].Kind
                || !tokens.Span(aStart + k).Equals(tokens.Span(bStart + k), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(int Start, int End)> SplitTopLevel(SqlTokenList tokens, int start, int end, string word, string symbol)
    {
        var parts = new List<(int Start, int End)>();
        var partStart = start;
        for (var i = start; i < end; i++)
        {
            if (tokens.IsSymbol(i, "("))
            {
                i = Math.Min(tokens.Match(i), end - 1);
                continue;
            }

            if (tokens.IsWord(i, word) || tokens.IsSymbol(i, symbol))
            {
                parts.Add((partStart, i));
                partStart = i + 1;
            }
        }

        parts.Add((partStart, end));
        return parts;
    }
}
