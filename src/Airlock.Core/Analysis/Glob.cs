namespace Airlock.Analysis;

/// <summary>
/// Shell-style globs: <c>*</c> and <c>?</c> within a segment, <c>**</c> across path segments, and
/// <c>[abc]</c> classes. Matching is linear per segment (greedy star with one back-track point), so no
/// pattern can make it backtrack catastrophically.
/// </summary>
internal static class Glob
{
    /// <summary>Matches a whole path, segment by segment.</summary>
    public static bool MatchPath(string pattern, string path, bool ignoreCase = false) =>
        MatchSegments(pattern.Split('/'), path.Split('/'), ignoreCase);

    /// <summary>Matches path segments against pattern segments, <c>**</c> standing for any number of segments.</summary>
    public static bool MatchSegments(string[] patternSegments, string[] pathSegments, bool ignoreCase = false)
    {
        // reachable[j]: the pattern prefix matched so far can end before path segment j.
        var size = pathSegments.Length + 1;
        Span<bool> reachable = size <= 64 ? stackalloc bool[size] : new bool[size];
        Span<bool> next = size <= 64 ? stackalloc bool[size] : new bool[size];
        reachable.Clear();
        reachable[0] = true;
        foreach (var segment in patternSegments)
        {
            next.Clear();
            for (var j = 0; j <= pathSegments.Length; j++)
            {
                if (!reachable[j])
                {
                    continue;
                }

                if (segment == "**")
                {
                    for (var k = j; k <= pathSegments.Length; k++)
                    {
                        next[k] = true;
                    }
                }
                else if (j < pathSegments.Length && Match(segment, pathSegments[j], ignoreCase))
                {
                    next[j + 1] = true;
                }
            }

            next.CopyTo(reachable);
        }

        return reachable[pathSegments.Length];
    }

    /// <summary>Matches one string against a pattern in which <c>*</c> also matches <c>/</c>.</summary>
    public static bool Match(string pattern, string text, bool ignoreCase = false)
    {
        if (pattern.AsSpan().IndexOfAny("*?[") < 0)
        {
            return string.Equals(pattern, text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, ref p, text[t], ignoreCase))
            {
                t++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Whether the pattern element at <paramref name="p"/> matches <paramref name="c"/>; advances past it when it does.</summary>
    private static bool MatchOne(string pattern, ref int p, char c, bool ignoreCase)
    {
        var current = pattern[p];
        if (current == '?')
        {
            p++;
            return true;
        }

        if (current == '[')
        {
            // A set needs at least one member before its ']' ("[]a]" includes ']'); an unclosed '[' is literal.
            var close = p + 2 < pattern.Length ? pattern.IndexOf(']', p + 2) : -1;
            if (close > 0)
            {
                var set = pattern.AsSpan(p + 1, close - p - 1);
                var negate = set.Length > 0 && set[0] is '!' or '^';
                if (negate)
                {
                    set = set[1..];
                }

                var found = false;
                for (var i = 0; i < set.Length; i++)
                {
                    if (i + 2 < set.Length && set[i + 1] == '-')
                    {
                        found |= c >= set[i] && c <= set[i + 2];
                        i += 2;
                    }
                    else
                    {
                        found |= Same(set[i], c, ignoreCase);
                    }
                }

                if (found != negate)
                {
                    p = close + 1;
                    return true;
                }

                return false;
            }
        }

        if (Same(current, c, ignoreCase))
        {
            p++;
            return true;
        }

        return false;
    }

    private static bool Same(char a, char b, bool ignoreCase) => a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
