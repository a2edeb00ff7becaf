namespace Airlock.Http;

/// <summary>Reads a GNU wget argument list.</summary>
internal static class WgetCommandParser
{
    // Long options that take a value. getopt lets wget abbreviate them (--post-d), so lookups
    // fall back to a unique prefix of these names.
    private static readonly string[] WithValue =
    [
        "output-file", "append-output", "execute", "input-file", "base", "config", "bind-address",
        "bind-dns-address", "dns-servers", "tries", "output-document", "backups", "timeout", "dns-timeout",
        "connect-timeout", "read-timeout", "wait", "waitretry", "quota", "limit-rate", "user", "password",
        "use-askpass", "restrict-file-names", "prefer-family", "local-encoding", "remote-encoding",
        "metalink-index", "preferred-location", "directory-prefix", "cut-dirs", "default-page", "http-user",
        "http-password", "header", "compression", "max-redirect", "proxy-user", "proxy-password", "referer",
        "user-agent", "load-cookies", "save-cookies", "post-data", "post-file", "method", "body-data",
        "body-file", "secure-protocol", "certificate", "certificate-type", "private-key", "private-key-type",
        "ca-certificate", "ca-directory", "crl-file", "pinnedpubkey", "random-file", "egd-file", "ciphers",
        "hsts-file", "ftp-user", "ftp-password", "level", "accept-regex", "reject-regex", "regex-type", "accept",
        "reject", "domains", "exclude-domains", "include-directories", "exclude-directories", "progress",
        "report-speed", "rejected-log", "warc-file", "warc-header", "warc-max-size", "warc-dedup",
        "warc-tempdir", "retry-on-http-error", "start-pos", "follow-tags", "ignore-tags",
    ];

    private static readonly Dictionary<char, string> ShortWithValue = new()
    {
        ['o'] = "output-file",
        ['a'] = "append-output",
        ['e'] = "execute",
        ['i'] = "input-file",
        ['B'] = "base",
        ['t'] = "tries",
        ['O'] = "output-document",
        ['T'] = "timeout",
        ['w'] = "wait",
        ['Q'] = "quota",
        ['P'] = "directory-prefix",
        ['U'] = "user-agent",
        ['l'] = "level",
        ['A'] = "accept",
        ['R'] = "reject",
        ['D'] = "domains",
        ['I'] = "include-directories",
        ['X'] = "exclude-directories",
        // -nv, -nc, -nd, -nH, -np: wget reads the letters after -n as its argument.
        ['n'] = "n",
    };

    public static IReadOnlyList<HttpCall> Parse(string tool, IReadOnlyList<string> args)
    {
        var builder = new HttpCallBuilder();
        var urls = new List<string>();
        var urlsFromFile = false;
        var optionsEnded = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                urls.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            string name;
            string? value = null;
            if (arg[1] == '-')
            {
                name = arg[2..];
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    value = name[(equals + 1)..];
                    name = name[..equals];
                }

                name = Resolve(name);
                if (!Array.Exists(WithValue, n => n == name))
                {
                    continue;
                }
            }
            else if (!TryShortWithValue(arg, out name, out value))
            {
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    break;
                }

                value = args[++i];
            }

            urlsFromFile |= name == "input-file";
            Apply(builder, name, value);
        }

        var calls = new List<HttpCall>();
        foreach (var url in urls)
        {
            if (url.Length > 0)
            {
                calls.Add(builder.Build(tool, UrlParts.SchemeLength(url) > 0 ? url : "http://" + url));
            }
        }

        if (calls.Count == 0 || urlsFromFile)
        {
            // -i reads URLs from a file: they exist but cannot be seen.
            calls.Add(builder.Build(tool, ""));
        }

        return calls;
    }

    private static void Apply(HttpCallBuilder builder, string name, string value)
    {
        switch (name)
        {
            case "method":
                builder.ExplicitMethod = value;
                break;
            case "post-data":
            case "body-data":
                builder.ImpliedMethod = "POST";
                builder.AddBody(value);
                break;
            case "post-file":
            case "body-file":
                builder.ImpliedMethod = "POST";
                builder.AddBodyFile(value);
                break;
            case "header":
                builder.AddHeaderLine(value);
                break;
        }
    }

    /// <summary>The full option name for an exact name or a unique abbreviation, as getopt_long allows.</summary>
    private static string Resolve(string name)
    {
        if (Array.Exists(WithValue, n => n == name))
        {
            return name;
        }

        string? match = null;
        foreach (var candidate in WithValue)
        {
            if (candidate.StartsWith(name, StringComparison.Ordinal))
            {
                if (match is not null)
                {
                    return name;
                }

                match = candidate;
            }
        }

        return match ?? name;
    }

    /// <summary>Finds the first value-taking letter in a short cluster such as <c>-qO-</c>.</summary>
    private static bool TryShortWithValue(string arg, out string name, out string? value)
    {
        for (var j = 1; j < arg.Length; j++)
        {
            if (ShortWithValue.TryGetValue(arg[j], out var longName))
            {
                name = longName;
                value = j + 1 < arg.Length ? arg[(j + 1)..] : null;
                return true;
            }
        }

        name = "";
        value = null;
        return false;
    }
}
