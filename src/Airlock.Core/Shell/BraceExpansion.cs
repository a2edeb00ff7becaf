namespace Airlock.Shell;

/// <summary>Bash brace expansion of unquoted text: <c>{rm,-rf,/}</c>, <c>/{etc,home}</c>, <c>x{1..3}</c>, bounded in output.</summary>
internal static class BraceExpansion
{
    public const int MaxResults = 256;

    /// <summary>The words the text expands to; the text itself when it has no expandable braces.</summary>
    public static List<string> Expand(string text)
    {
        var results = new List<string>();
        ExpandInto(text, results, depth: 0);
        return results;
    }

    private static void ExpandInto(string text, List<string> results, int depth)
    {
        if (results.Count >= MaxResults)
        {
            return;
        }

        var (open, close, commas) = FindBraces(text);
        if (open < 0 || depth > 8)
        {
            results.Add(text);
            return;
        }

        var prefix = text[..open];
        var suffix = text[(close + 1)..];
        var body = text[(open + 1)..close];
        var alternatives = commas.Count > 0 ? Split(body, commas, open) : Sequence(body);
        if (alternatives is null)
        {
            results.Add(text);
            return;
        }

        foreach (var alternative in alternatives)
        {
            ExpandInto(prefix + alternative + suffix, results, depth + 1);
        }
    }

    /// <summary>The first brace pair at nesting level zero that has a comma or a .. sequence inside.</summary>
    private static (int Open, int Close, List<int> Commas) FindBraces(string text)
    {
        for (var start = text.IndexOf('{', StringComparison.Ordinal); start >= 0; start = text.IndexOf('{', start + 1))
        {
            var depth = 0;
            var commas = new List<int>();
            for (var i = start; i < text.Length; i++)
            {
                if (text[i] == '{')
                {
                    depth++;
                }
                else if (text[i] == '}' && --depth == 0)
                {
                    var body = text[(start + 1)..i];
                    if (commas.Count > 0 || body.Contains("..", StringComparison.Ordinal))
                    {
                        return (start, i, commas);
                    }

                    break;
                }
                else if (text[i] == ',' && depth == 1)
                {
                    commas.Add(i);
                }
            }
        }

        return (-1, -1, []);
    }

    private static List<string> Split(string body, List<int> commas, int open)
    {
        var parts = new List<string>();
        var last = 0;
        foreach (var comma in commas)
        {
            parts.Add(body[last..(comma - open - 1)]);
            last = comma - open;
        }

        parts.Add(body[last..]);
        return parts;
    }

    private static List<string>? Sequence(string body)
    {
        var ends = body.Split("..");
        if (ends.Length != 2)
        {
            return null;
        }

        if (int.TryParse(ends[0], System.Globalization.CultureInfo.InvariantCulture, out var from) && int.TryParse(ends[1], System.Globalization.CultureInfo.InvariantCulture, out var to))
        {
            var step = from <= to ? 1 : -1;
            var count = Math.Min(Math.Abs(to - from) + 1, MaxResults);
            return Enumerable.Range(0, count).Select(i => (from + (i * step)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }

        if (ends[0].Length == 1 && ends[1].Length == 1)
        {
            var (a, b) = (ends[0][0], ends[1][0]);
            var step = a <= b ? 1 : -1;
            return Enumerable.Range(0, Math.Abs(b - a) + 1).Select(i => ((char)(a + (i * step))).ToString()).ToList();
        }

        return null;
    }
}
