using System.Text.RegularExpressions;
using Airlock.Analysis;
using Airlock.Configuration;
using Airlock.Model;

namespace Airlock.Server.Proxy;

/// <summary>
/// Reads the <c>proxy:</c> section of the server configuration. Every mistake is reported with its
/// line and the gateway does not start; a route that would forward somewhere unintended is a mistake.
/// </summary>
internal static partial class ProxyRouteConfig
{
    private static readonly string[] ForbiddenCredentialHeaders = ["host", "connection", "content-length", "content-type", "transfer-encoding", "te", "upgrade", "cookie", "x-airlock-token"];

    public static IReadOnlyList<ProxyRoute> Read(YamlMap root, ConfigErrors errors)
    {
        if (YamlMap.From(root.Node("proxy"), errors, "'proxy'") is not { } proxy)
        {
            return [];
        }

        var routes = new List<ProxyRoute>();
        foreach (var map in proxy.Maps("routes"))
        {
            if (ReadRoute(map, errors) is { } route)
            {
                if (routes.Exists(r => string.Equals(r.Name, route.Name, StringComparison.Ordinal)))
                {
                    errors.Add(map.Line, $"the proxy route '{route.Name}' is defined twice");
                }

                routes.Add(route);
            }
        }

        proxy.RejectUnknownKeys("'proxy'");
        return routes;
    }

    private static ProxyRoute? ReadRoute(YamlMap map, ConfigErrors errors)
    {
        var name = map.String("name");
        var upstreamText = map.String("upstream");
        var environment = map.String("environment");
        var idempotency = map.Bool("idempotency_key");
        var timeout = map.Duration("timeout") ?? TimeSpan.FromSeconds(100);
        var credential = YamlMap.From(map.Node("credential"), errors, "'credential'");
        string? header = null;
        string? scheme = null;
        if (credential is not null)
        {
            header = credential.String("header");
            scheme = credential.String("scheme");
            credential.RejectUnknownKeys($"the credential of the proxy route '{name}'");
        }

        map.RejectUnknownKeys($"the proxy route '{name}'");
        if (name is null || !RouteName().IsMatch(name))
        {
            errors.Add(map.Line, $"a proxy route needs 'name': letters, digits, '-' and '_' (it is the path /proxy/NAME/); got '{name}'");
            return null;
        }

        if (!Uri.TryCreate(upstreamText, UriKind.Absolute, out var upstream) || upstream.Scheme is not ("http" or "https"))
        {
            errors.Add(map.Line, $"the proxy route '{name}' needs 'upstream': an absolute http or https URL");
            return null;
        }

        if (upstream.UserInfo.Length > 0 || upstream.Query.Length > 0 || upstream.Fragment.Length > 0)
        {
            errors.Add(map.Line, $"the proxy route '{name}': 'upstream' must be a base URL without user info, query or fragment (the credential is set with 'airlock proxy credential set {name}')");
        }

        if (environment is not null && !EnumNames.TryParse<DeploymentEnvironment>(environment, out _) && EnvironmentInference.FromText(environment) is null)
        {
            errors.Add(map.Line, $"the proxy route '{name}' has environment '{environment}'; expected one of production, staging, dev, local or unknown");
        }

        if (credential is not null && (header is null || !HeaderName().IsMatch(header) || ForbiddenCredentialHeaders.Contains(header, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(credential.Line, $"the credential of the proxy route '{name}' needs 'header': the name of the header the upstream reads it from (Authorization, x-api-key, …)");
        }

        if (scheme is not null && !HeaderName().IsMatch(scheme))
        {
            errors.Add(credential!.Line, $"the credential of the proxy route '{name}' has scheme '{scheme}'; expected one word such as Bearer");
        }

        if (timeout <= TimeSpan.Zero)
        {
            errors.Add(map.Line, $"the proxy route '{name}' needs a positive 'timeout'");
        }

        var path = upstream.GetLeftPart(UriPartial.Path);
        return new ProxyRoute
        {
            Name = name,
            Upstream = new Uri(path.EndsWith('/') ? path : path + "/"),
            Environment = environment,
            CredentialHeader = header,
            CredentialScheme = scheme,
            IdempotencyKey = idempotency,
            Timeout = timeout,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RouteName();

    // RFC 9110 §5.6.2 token characters.
    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$")]
    private static partial Regex HeaderName();
}
