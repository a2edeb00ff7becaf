namespace Airlock.Http;

/// <summary>Collects what a command line says about a request while its arguments are read.</summary>
internal sealed class HttpCallBuilder
{
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private readonly List<string> _bodies = [];
    private readonly List<string> _files = [];
    private readonly List<string> _queryParts = [];

    /// <summary>The method the command names outright (<c>-X</c>, <c>--method</c>, <c>-Method</c>).</summary>
    public string? ExplicitMethod { get; set; }

    /// <summary>The method the other options imply when none is named.</summary>
    public string ImpliedMethod { get; set; } = "GET";

    public bool ReadsStdin { get; set; }

    public bool HasBody => _bodies.Count > 0 || _files.Count > 0 || ReadsStdin;

    public void AddHeader(string name, string value) => _headers.Add(new(name.Trim(), value.Trim()));

    /// <summary>Adds a header written as <c>Name: value</c>; text without a colon is ignored, as curl does.</summary>
    public void AddHeaderLine(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            AddHeader(line[..colon], line[(colon + 1)..]);
        }
        else if (line.EndsWith(';'))
        {
            // curl's "Name;" sends the header with an empty value.
            AddHeader(line[..^1], "");
        }
    }

    public bool HasHeader(string name) =>
        _headers.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    public void AddBody(string text) => _bodies.Add(text);

    /// <summary>Records a body source that is a file, or standard input when the name is <c>-</c>.</summary>
    public void AddBodyFile(string path)
    {
        if (path == "-")
        {
            ReadsStdin = true;
        }
        else
        {
            _files.Add(path);
        }
    }

    /// <summary>Text to append to the URL's query string (curl <c>-G</c>, httpie <c>name==value</c>).</summary>
    public void AddQuery(string part) => _queryParts.Add(part);

    public HttpCall Build(string tool, string url)
    {
        if (url.Length > 0 && _queryParts.Count > 0)
        {
            url = AppendQuery(url, string.Join('&', _queryParts));
        }

        return new HttpCall
        {
            Tool = tool,
            Method = (ExplicitMethod ?? ImpliedMethod).ToUpperInvariant(),
            Url = url,
            Host = url.Length == 0 ? null : UrlParts.Parse(url).Host,
            Headers = [.. _headers],
            InlineBodies = [.. _bodies],
            BodyFiles = [.. _files],
            ReadsBodyFromStdin = ReadsStdin,
        };
    }

    private static string AppendQuery(string url, string query)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? url[hash..] : "";
        var head = hash >= 0 ? url[..hash] : url;
        var separator = !head.Contains('?', StringComparison.Ordinal) ? "?" : head.EndsWith('?') || head.EndsWith('&') ? "" : "&";
        return head + separator + query + fragment;
    }
}
