namespace Airlock.Http;

/// <summary>Reads a curl argument list the way curl 8 does.</summary>
internal static class CurlCommandParser
{
    public static IReadOnlyList<HttpCall> Parse(string tool, IReadOnlyList<string> args)
    {
        var calls = new List<HttpCall>();
        var groups = new List<CurlRequestGroup> { new() };
        var optionsEnded = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var group = groups[^1];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                group.AddUrl(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (arg[1] == '-')
            {
                i = ApplyLong(arg[2..], args, i, groups);
            }
            else
            {
                i = ApplyShortCluster(arg, args, i, groups);
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            // A trailing "--next" with nothing after it sends nothing.
            if (g == 0 || groups[g].Touched)
            {
                groups[g].AppendCalls(tool, calls);
            }
        }

        if (groups.Exists(g => g.InfoOnly))
        {
            // --help and --version print and exit before any transfer.
            calls.Clear();
        }

        return calls;
    }

    private static int ApplyLong(string word, IReadOnlyList<string> args, int index, List<CurlRequestGroup> groups)
    {
        string? attached = null;
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            attached = word[(equals + 1)..];
            word = word[..equals];
        }

        var enable = true;
        if (word.StartsWith("no-", StringComparison.Ordinal))
        {
            word = word[3..];
            enable = false;
        }
        else if (word.StartsWith("expand-", StringComparison.Ordinal))
        {
            word = word[7..];
        }

        var kind = CurlOptions.KindOf(word);
        return Apply(kind, attached, enable, args, index, groups);
    }

    private static int ApplyShortCluster(string arg, IReadOnlyList<string> args, int index, List<CurlRequestGroup> groups)
    {
        for (var j = 1; j < arg.Length; j++)
        {
            var longName = CurlOptions.LongNameOf(arg[j]);
            if (longName is null)
            {
                continue;
            }

            var kind = CurlOptions.KindOf(longName);
            if (CurlOptions.TakesValue(kind))
            {
                // The rest of the cluster is the value (-XDELETE, -sXPOST); otherwise the next argument is.
                var attached = j + 1 < arg.Length ? arg[(j + 1)..] : null;
                return Apply(kind, attached, enable: true, args, index, groups);
            }

            Apply(kind, null, enable: true, args, index, groups);
        }

        return index;
    }

    private static int Apply(CurlOptionKind kind, string? attached, bool enable, IReadOnlyList<string> args, int index, List<CurlRequestGroup> groups)
    {
        if (kind == CurlOptionKind.Next)
        {
            groups.Add(new CurlRequestGroup());
            return index;
        }

        var value = "";
        if (CurlOptions.TakesValue(kind))
        {
            if (attached is not null)
            {
                value = attached;
            }
            else if (index + 1 < args.Count)
            {
                value = args[++index];
            }
            else
            {
                return index;
            }
        }

        groups[^1].Apply(kind, value, enable);
        return index;
    }
}
