namespace Airlock.Http;

/// <summary>Reads the arguments of PowerShell's <c>Invoke-WebRequest</c> and <c>Invoke-RestMethod</c>.</summary>
internal static class PowerShellWebCommandParser
{
    private static readonly string[] WithValue =
    [
        "Uri", "Method", "CustomMethod", "Body", "InFile", "Headers", "ContentType", "OutFile", "Credential",
        "Certificate", "CertificateThumbprint", "UserAgent", "WebSession", "SessionVariable", "TimeoutSec",
        "ConnectionTimeoutSeconds", "OperationTimeoutSeconds", "MaximumRedirection", "MaximumRetryCount",
        "RetryIntervalSec", "Proxy", "ProxyCredential", "TransferEncoding", "Form", "Authentication", "Token",
        "SslProtocol", "HttpVersion", "StatusCodeVariable", "ResponseHeadersVariable", "UnixSocket",
        "MaximumFollowRelLink", "ErrorAction", "ErrorVariable", "WarningAction", "WarningVariable",
        "InformationAction", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "ProgressAction",
    ];

    private static readonly string[] Switches =
    [
        "UseBasicParsing", "UseDefaultCredentials", "DisableKeepAlive", "SkipCertificateCheck",
        "SkipHeaderValidation", "SkipHttpErrorCheck", "AllowUnencryptedAuthentication", "AllowInsecureRedirect",
        "NoProxy", "PassThru", "Resume", "PreserveAuthorizationOnRedirect", "PreserveHttpMethodOnRedirect",
        "ProxyUseDefaultCredentials", "FollowRelLink", "Verbose", "Debug",
    ];

    public static IReadOnlyList<HttpCall> Parse(string tool, IReadOnlyList<string> args)
    {
        var builder = new HttpCallBuilder();
        string? uri = null;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-' || char.IsAsciiDigit(arg[1]))
            {
                uri ??= arg;
                continue;
            }

            var name = arg[1..];
            string? value = null;
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                value = name[(colon + 1)..];
                name = name[..colon];
            }

            var resolved = Resolve(name);
            if (resolved is null || Array.IndexOf(Switches, resolved) >= 0)
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
                if (resolved == "Headers")
                {
                    value = JoinHashtable(value, args, ref i);
                }
            }

            Apply(builder, resolved, value, ref uri);
        }

        return [builder.Build(tool, uri is null ? "" : UrlParts.SchemeLength(uri) > 0 ? uri : "http://" + uri)];
    }

    private static void Apply(HttpCallBuilder builder, string name, string value, ref string? uri)
    {
        switch (name)
        {
            case "Uri":
                uri = value;
                break;
            case "Method" or "CustomMethod":
                builder.ExplicitMethod = string.Equals(value, "Default", StringComparison.OrdinalIgnoreCase) ? "GET" : value;
                break;
            case "Body" or "Form":
                builder.AddBody(value);
                break;
            case "InFile":
                builder.AddBodyFile(value);
                break;
            case "ContentType":
                builder.AddHeader("Content-Type", value);
                break;
            case "Headers":
                foreach (var (key, headerValue) in ParseHashtable(value))
                {
                    builder.AddHeader(key, headerValue);
                }

                break;
        }
    }

    /// <summary>The parameter a possibly abbreviated name stands for; PowerShell accepts any unique prefix.</summary>
    private static string? Resolve(string name)
    {
        string? match = null;
        foreach (var candidate in WithValue.Concat(Switches))
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            if (candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                match = match is null ? candidate : "";
            }
        }

        return string.IsNullOrEmpty(match) ? null : match;
    }

    /// <summary>A hashtable literal a POSIX-style tokenizer split into several words is put back together.</summary>
    private static string JoinHashtable(string value, IReadOnlyList<string> args, ref int index)
    {
        if (!value.StartsWith("@{", StringComparison.Ordinal))
        {
            return value;
        }

        while (!value.Contains('}', StringComparison.Ordinal) && index + 1 < args.Count)
        {
            value += " " + args[++index];
        }

        return value;
    }

    private static IEnumerable<(string Key, string Value)> ParseHashtable(string text)
    {
        text = text.Trim();
        if (!text.StartsWith("@{", StringComparison.Ordinal))
        {
            yield break;
        }

        var body = text[2..].TrimEnd('}');
        foreach (var entry in body.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                yield return (Unquote(entry[..equals]), Unquote(entry[(equals + 1)..]));
            }
        }
    }

    private static string Unquote(string text)
    {
        text = text.Trim();
        return text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0] ? text[1..^1] : text;
    }
}
