namespace Airlock.Http;

/// <summary>One HTTP request a command line would send, as far as its arguments tell.</summary>
internal sealed record HttpCall
{
    /// <summary>The program that sends it: <c>curl</c>, <c>wget</c>, <c>http</c>, <c>xh</c>, <c>Invoke-RestMethod</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>The request method, upper-case.</summary>
    public required string Method { get; init; }

    /// <summary>The URL as given, with the scheme the tool would assume added; empty when no URL could be found.</summary>
    public required string Url { get; init; }

    /// <summary>The lower-case host name, or null when the URL has none or it is only known at run time (<c>$HOST</c>).</summary>
    public string? Host { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Body texts given literally on the command line, each as the tool would send it.</summary>
    public IReadOnlyList<string> InlineBodies { get; init; } = [];

    /// <summary>Files whose contents are sent: <c>-d @file</c>, <c>-F f=@file</c>, <c>-T file</c>, <c>--post-file</c>, <c>-InFile</c>.</summary>
    public IReadOnlyList<string> BodyFiles { get; init; } = [];

    /// <summary>True when the arguments explicitly send standard input (<c>-d @-</c>, <c>-T -</c>).</summary>
    public bool ReadsBodyFromStdin { get; init; }

    /// <summary>Set when a body is sent that was not read, and why (<c>binary content</c>): its GraphQL, if any, cannot be seen.</summary>
    public string? UnreadBody { get; init; }
}
