using System.Text.Json;
using Airlock.Analysis.Handlers;
using Airlock.Configuration;
using Airlock.Http;
using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>
/// The <c>http_request</c> tool: one HTTP request given as data rather than as a command line — what
/// Airlock's HTTP proxy is about to send upstream. It is classified exactly as the same request made
/// with curl (method, path, GraphQL operations and mutation fields), with two additions: a method
/// override header (<c>X-HTTP-Method-Override: DELETE</c>) is the method the server runs, and an
/// <c>environment</c> given by trusted configuration names the upstream's environment when its host
/// name cannot.
/// </summary>
/// <remarks>
/// Input: <c>{"method", "url", "headers": {name: value}, "body", "body_unread", "environment", "route"}</c>.
/// <c>body</c> is the body as text when it was read; <c>body_unread</c> says why a body that is sent
/// was not read (binary content), so a GraphQL endpoint's document is then unknown.
/// </remarks>
internal sealed class HttpRequestToolAnalyzer(AnalysisContext context)
{
    public const string ToolName = "http_request";

    private static readonly string[] MethodOverrideHeaders = ["x-http-method-override", "x-http-method", "x-method-override"];

    public static bool Handles(string tool) => string.Equals(tool, ToolName, StringComparison.OrdinalIgnoreCase);

    public void Analyze(string tool, JsonElement input, Invocation invocation)
    {
        if (input.ValueKind != JsonValueKind.Object
            || Text(input, "url") is not { } url
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            var unreadable = KnownOperations.Unanalyzable("http.unanalyzable", tool, "the request has no absolute http or https 'url' Airlock can read", tool, BlastRadius.Remote);
            context.Add(unreadable with { Environment = DeploymentEnvironment.Unknown }, invocation);
            return;
        }

        var headers = Headers(input);
        var method = (Text(input, "method") ?? "GET").Trim().ToUpperInvariant();
        var overridden = headers.FirstOrDefault(h => MethodOverrideHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase) && h.Value.Trim().Length > 0);
        if (overridden.Key is not null)
        {
            // The server runs the overriding method, whatever the request line says.
            context.Note($"{overridden.Key}: {overridden.Value} overrides {method}");
            method = overridden.Value.Trim().ToUpperInvariant();
        }

        var body = Text(input, "body");
        var call = new HttpCall
        {
            Tool = tool,
            Method = method,
            Url = url,
            Host = uri.Host.ToLowerInvariant(),
            Headers = headers,
            InlineBodies = body is null ? [] : [body],
            UnreadBody = Text(input, "body_unread"),
        };

        var configured = Configured(input);
        foreach (var operation in HttpClassifier.Classify(call, configured))
        {
            context.Add(operation, invocation);
        }

        // Sent to this machine, a secret stays on it; a configured environment says where the host really is.
        var local = configured?.Environment == DeploymentEnvironment.Local || (configured is null && EnvironmentInference.IsLocalHost(call.Host));
        if (!local && new[] { body ?? "", url }.Select(SecretLiterals.Find).FirstOrDefault(f => f is not null) is { } secret)
        {
            NetworkHandler.AddExfiltration(context, call.Host, $"sends a literal {secret} credential", invocation, tool);
        }
    }

    /// <summary>The environment trusted configuration names for the upstream; an unreadable name counts as unknown, never as a safer one.</summary>
    private static EnvironmentClaim? Configured(JsonElement input)
    {
        if (Text(input, "environment") is not { Length: > 0 } name)
        {
            return null;
        }

        var route = Text(input, "route");
        var source = route is null ? "the configured environment of this upstream" : $"the proxy route '{route}' is configured as {name}";
        return EnumNames.TryParse<DeploymentEnvironment>(name, out var named)
            ? new EnvironmentClaim(named, source)
            : new EnvironmentClaim(EnvironmentInference.FromText(name) ?? DeploymentEnvironment.Unknown, source);
    }

    private static List<KeyValuePair<string, string>> Headers(JsonElement input)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!input.TryGetProperty("headers", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return headers;
        }

        foreach (var header in map.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String)
            {
                headers.Add(new(header.Name, header.Value.GetString() ?? ""));
            }
            else if (header.Value.ValueKind == JsonValueKind.Array)
            {
                headers.AddRange(header.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => new KeyValuePair<string, string>(header.Name, v.GetString() ?? "")));
            }
        }

        return headers;
    }

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
