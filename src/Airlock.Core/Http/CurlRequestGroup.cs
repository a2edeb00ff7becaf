namespace Airlock.Http;

/// <summary>
/// The options and URLs between two <c>--next</c> separators of a curl command: every URL in
/// the group is sent with the same options.
/// </summary>
internal sealed class CurlRequestGroup
{
    private readonly List<string> _urls = [];
    private readonly List<string> _inlineData = [];
    private readonly List<string> _dataFiles = [];
    private readonly HttpCallBuilder _builder = new();
    private bool _isGet;
    private bool _isHead;
    private bool _isUpload;
    private bool _isForm;
    private bool _isJson;
    private bool _hasData;
    private string? _defaultScheme;

    public bool Touched { get; private set; }

    public bool InfoOnly { get; private set; }

    public void Apply(CurlOptionKind kind, string value, bool enable)
    {
        Touched = true;
        switch (kind)
        {
            case CurlOptionKind.Request:
                _builder.ExplicitMethod = value;
                break;
            case CurlOptionKind.Data:
            case CurlOptionKind.Json:
                AddData(value.StartsWith('@') ? null : value, value.StartsWith('@') ? value[1..] : null);
                if (kind == CurlOptionKind.Json)
                {
                    _isJson = true;
                }

                break;
            case CurlOptionKind.DataRaw:
                AddData(value, null);
                break;
            case CurlOptionKind.DataUrlEncode:
                var (text, file) = CurlEncoding.DataUrlEncode(value);
                AddData(text, file);
                break;
            case CurlOptionKind.Form:
                AddFormField(value);
                break;
            case CurlOptionKind.FormString:
                _isForm = true;
                AddFormContent(value, literal: true);
                break;
            case CurlOptionKind.Get:
                _isGet = enable;
                break;
            case CurlOptionKind.Head:
                _isHead = enable;
                break;
            case CurlOptionKind.UploadFile:
                _isUpload = true;
                _builder.AddBodyFile(value == "." ? "-" : value);
                break;
            case CurlOptionKind.Header:
                // "-H @file" reads headers from a file Airlock cannot see; they never carry a body.
                if (!value.StartsWith('@'))
                {
                    _builder.AddHeaderLine(value);
                }

                break;
            case CurlOptionKind.OAuth2Bearer:
                _builder.AddHeader("Authorization", "Bearer " + value);
                break;
            case CurlOptionKind.Url:
                AddUrl(value);
                break;
            case CurlOptionKind.UrlQuery:
                var (query, queryFile) = value.StartsWith('+') ? (value[1..], null) : CurlEncoding.DataUrlEncode(value);
                if (query is not null)
                {
                    _builder.AddQuery(query);
                }
                else if (queryFile is not null)
                {
                    _builder.AddBodyFile(queryFile);
                }

                break;
            case CurlOptionKind.ProtoDefault:
                _defaultScheme = value;
                break;
            case CurlOptionKind.Info:
                InfoOnly = true;
                break;
        }
    }

    public void AddUrl(string url)
    {
        Touched = true;
        if (url.Length > 0)
        {
            _urls.Add(url);
        }
    }

    public void AppendCalls(string tool, List<HttpCall> calls)
    {
        if (InfoOnly)
        {
            return;
        }

        if (_isGet)
        {
            // -G moves every -d piece into the query string, joined as curl joins them.
            if (_inlineData.Count > 0)
            {
                _builder.AddQuery(string.Join('&', _inlineData));
            }
        }
        else
        {
            _inlineData.ForEach(_builder.AddBody);
        }

        _dataFiles.ForEach(_builder.AddBodyFile);
        if (_isJson)
        {
            AddHeaderUnlessSet("Content-Type", "application/json");
            AddHeaderUnlessSet("Accept", "application/json");
        }

        _builder.ImpliedMethod = _isHead ? "HEAD"
            : _isGet ? "GET"
            : _isUpload ? "PUT"
            : _hasData || _isForm ? "POST"
            : "GET";

        if (_urls.Count == 0)
        {
            calls.Add(_builder.Build(tool, ""));
            return;
        }

        foreach (var url in _urls)
        {
            calls.Add(_builder.Build(tool, WithScheme(url)));
        }
    }

    private void AddData(string? text, string? file)
    {
        _hasData = true;
        if (text is not null)
        {
            _inlineData.Add(text);
        }

        if (file is not null)
        {
            _dataFiles.Add(file);
        }
    }

    private void AddFormField(string value)
    {
        _isForm = true;
        AddFormContent(value, literal: false);
    }

    private void AddFormContent(string field, bool literal)
    {
        var equals = field.IndexOf('=', StringComparison.Ordinal);
        var content = equals >= 0 ? field[(equals + 1)..] : field;
        if (literal)
        {
            _builder.AddBody(content);
            return;
        }

        content = CurlEncoding.FormContent(content);
        if (content.StartsWith('@') || content.StartsWith('<'))
        {
            _builder.AddBodyFile(content[1..]);
        }
        else
        {
            // GraphQL uploads send the operation as a form field: -F operations='{"query": …}'.
            _builder.AddBody(content);
        }
    }

    private void AddHeaderUnlessSet(string name, string value)
    {
        if (!_builder.HasHeader(name))
        {
            _builder.AddHeader(name, value);
        }
    }

    private string WithScheme(string url)
    {
        if (UrlParts.SchemeLength(url) > 0)
        {
            return url;
        }

        // curl guesses the protocol from a well-known host prefix, otherwise --proto-default or http.
        foreach (var prefix in (ReadOnlySpan<string>)["ftp", "dict", "ldap", "imap", "smtp", "pop3"])
        {
            if (url.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase))
            {
                return prefix + "://" + url;
            }
        }

        return (_defaultScheme ?? "http") + "://" + url;
    }
}
