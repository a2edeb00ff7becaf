namespace Airlock.Http;

/// <summary>Turns the argument list of an HTTP client program into the requests it would send.</summary>
internal static class HttpCommandParser
{
    /// <summary>True when <paramref name="program"/> is an HTTP client this parser reads.</summary>
    public static bool IsHttpClient(string program) => ToolName(program) is not null;

    /// <summary>
    /// The requests <paramref name="program"/> would send with <paramref name="args"/> (the arguments
    /// after the program name). A call with an empty <see cref="HttpCall.Url"/> means a request whose
    /// URL cannot be seen; an empty list means no request (<c>curl --version</c>) or not an HTTP client.
    /// </summary>
    public static IReadOnlyList<HttpCall> Parse(string program, IReadOnlyList<string> args)
    {
        var tool = ToolName(program);
        return tool switch
        {
            null => [],
            "curl" => CurlCommandParser.Parse(tool, args),
            "wget" or "wget2" => WgetCommandParser.Parse(tool, args),
            "http" or "https" or "xh" or "xhs" => HttpieCommandParser.Parse(tool, args),
            _ => PowerShellWebCommandParser.Parse(tool, args),
        };
    }

    private static string? ToolName(string program)
    {
        var name = program;
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return name.ToLowerInvariant() switch
        {
            "curl" => "curl",
            "wget" => "wget",
            "wget2" => "wget2",
            "http" => "http",
            "https" => "https",
            "xh" => "xh",
            "xhs" => "xhs",
            "invoke-webrequest" or "iwr" => "Invoke-WebRequest",
            "invoke-restmethod" or "irm" => "Invoke-RestMethod",
            _ => null,
        };
    }
}
