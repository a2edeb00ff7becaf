namespace Airlock.Http;

/// <summary>Reads an httpie (<c>http</c>, <c>https</c>) or xh (<c>xh</c>, <c>xhs</c>) argument list.</summary>
internal static class HttpieCommandParser
{
    private static readonly HashSet<string> LongWithValue = new(StringComparer.Ordinal)
    {
        "auth", "auth-type", "session", "session-read-only", "output", "pretty", "style", "print",
        "history-print", "proxy", "max-redirects", "max-headers", "timeout", "verify", "ssl", "ciphers", "cert",
        "cert-key", "cert-key-pass", "format-options", "response-charset", "response-mime", "boundary",
        "default-scheme", "raw", "unix-socket", "bearer", "resolve", "interface", "http-version",
    };

    private const string ShortWithValue = "aAospP";

    public static IReadOnlyList<HttpCall> Parse(string tool, IReadOnlyList<string> args)
    {
        var builder = new HttpCallBuilder();
        var positionals = new List<string>();
        var form = false;
        string? raw = null;
        var scheme = tool is "https" or "xhs" ? "https" : "http";
        var optionsEnded = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            var (name, value) = ReadOption(arg, args, ref i);
            switch (name)
            {
                case "form" or "f" or "multipart":
                    form = true;
                    break;
                case "raw":
                    raw = value;
                    break;
                case "default-scheme" when value is not null:
                    scheme = value;
                    break;
            }
        }

        if (positionals.Count == 0)
        {
            return [builder.Build(tool, "")];
        }

        // httpie's rule: with two or more positionals a letters-only first one is the method.
        var hasMethod = positionals.Count >= 2 && positionals[0].All(char.IsAsciiLetter);
        if (hasMethod)
        {
            builder.ExplicitMethod = positionals[0];
        }

        var url = positionals[hasMethod ? 1 : 0];
        var fields = new List<HttpieItem>();
        var sendsData = raw is not null;
        foreach (var text in positionals.Skip(hasMethod ? 2 : 1))
        {
            if (HttpieItem.Parse(text) is { } item)
            {
                AddItem(builder, item, fields);
                sendsData |= item.IsData;
            }
        }

        if (raw is not null)
        {
            builder.AddBody(raw);
        }
        else if (fields.Count > 0)
        {
            builder.AddBody(form ? HttpieBody.Form(fields) : HttpieBody.Json(fields));
            if (!builder.HasHeader("Content-Type"))
            {
                builder.AddHeader("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
            }
        }

        builder.ImpliedMethod = sendsData ? "POST" : "GET";
        return [builder.Build(tool, Normalize(url, scheme))];
    }

    private static void AddItem(HttpCallBuilder builder, HttpieItem item, List<HttpieItem> fields)
    {
        switch (item.Separator)
        {
            case ":":
            case ";":
                builder.AddHeader(item.Key, item.Value);
                break;
            case "==":
                builder.AddQuery(Uri.EscapeDataString(item.Key) + "=" + Uri.EscapeDataString(item.Value));
                break;
            case "=" or ":=":
                fields.Add(item);
                break;
            case "@" when item.Key.Length == 0:
                // "@file" alone makes the file's content the whole body.
                builder.AddBodyFile(item.Value);
                break;
            default:
                builder.AddBodyFile(item.Value);
                break;
        }
    }

    private static (string Name, string? Value) ReadOption(string arg, IReadOnlyList<string> args, ref int index)
    {
        if (arg[1] == '-')
        {
            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                return (name[..equals], name[(equals + 1)..]);
            }

            if (LongWithValue.Contains(name))
            {
                return (name, index + 1 < args.Count ? args[++index] : null);
            }

            return (name, null);
        }

        // A short cluster such as -vF, or -aUSER:PASS with the value attached.
        for (var j = 1; j < arg.Length; j++)
        {
            if (ShortWithValue.Contains(arg[j], StringComparison.Ordinal))
            {
                var value = j + 1 < arg.Length ? arg[(j + 1)..] : index + 1 < args.Count ? args[++index] : null;
                return (arg[j].ToString(), value);
            }
        }

        // Only -f (--form) among the flag letters changes the request.
        return (arg.Contains('f', StringComparison.Ordinal) ? "f" : arg[1..], null);
    }

    /// <summary>httpie's URL shorthands: <c>:3000/x</c> is localhost, a missing scheme is the default one.</summary>
    private static string Normalize(string url, string scheme)
    {
        if (url.StartsWith("://", StringComparison.Ordinal))
        {
            url = url[3..];
        }
        else if (url.StartsWith(':'))
        {
            url = "localhost" + url;
            if (url.StartsWith("localhost:/", StringComparison.Ordinal) || url == "localhost:")
            {
                url = "localhost" + url[10..];
            }
        }

        return UrlParts.SchemeLength(url) > 0 ? url : scheme + "://" + url;
    }
}
