using Airlock.Configuration;
using Airlock.Server.Notifications;
using Airlock.Server.Proxy;

namespace Airlock.Server.Hosting;

/// <summary>
/// The server's own configuration file (YAML): the public URL approvers reach it at, the webhooks
/// it notifies, and the HTTP proxy's routes. A webhook's secret is read from an environment variable (<c>secret_env</c>) so the
/// file itself can be shared; every error is reported with its line.
/// </summary>
internal sealed record GatewayConfig
{
    public string? PublicUrl { get; init; }

    public IReadOnlyList<WebhookOptions> Webhooks { get; init; } = [];

    /// <summary>The HTTP proxy's routes (<c>proxy: routes:</c>).</summary>
    public IReadOnlyList<ProxyRoute> ProxyRoutes { get; init; } = [];

    public static GatewayConfig Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new GatewayConfig();
        }

        var errors = new ConfigErrors(path);
        var root = YamlMap.From(YamlParser.Parse(File.ReadAllText(path), path), errors, "the server configuration");
        if (root is null)
        {
            return new GatewayConfig();
        }

        var publicUrl = root.String("public_url");
        if (publicUrl is not null && !Uri.TryCreate(publicUrl, UriKind.Absolute, out _))
        {
            errors.Add(root.Line, $"'public_url' is not an absolute URL: '{publicUrl}'");
        }

        var webhooks = root.Maps("webhooks").Select((map, i) => ReadWebhook(map, i, errors)).OfType<WebhookOptions>().ToList();
        var routes = ProxyRouteConfig.Read(root, errors);
        root.RejectUnknownKeys("the server configuration");
        return errors.Any ? throw new ConfigException(errors.All) : new GatewayConfig { PublicUrl = publicUrl, Webhooks = webhooks, ProxyRoutes = routes };
    }

    private static WebhookOptions? ReadWebhook(YamlMap map, int index, ConfigErrors errors)
    {
        var name = map.String("name") ?? $"webhook-{index + 1}";
        var urlText = map.String("url");
        var secretVariable = map.String("secret_env");
        var format = map.String("format") ?? "airlock";
        var events = map.List("events");
        var attempts = map.Int("max_attempts", 6);
        var firstRetry = map.Duration("first_retry_delay") ?? TimeSpan.FromSeconds(1);
        map.RejectUnknownKeys($"the webhook '{name}'");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(map.Line, $"the webhook '{name}' needs 'url': an absolute http or https URL");
            return null;
        }

        if (format is not ("airlock" or "slack"))
        {
            errors.Add(map.Line, $"the webhook '{name}' has format '{format}'; expected airlock or slack");
        }

        string? secret = null;
        if (secretVariable is not null)
        {
            secret = Environment.GetEnvironmentVariable(secretVariable);
            if (string.IsNullOrEmpty(secret))
            {
                errors.Add(map.Line, $"the webhook '{name}' reads its secret from ${secretVariable}, which is not set");
            }
        }

        var webhook = new WebhookOptions
        {
            Name = name,
            Url = url,
            Secret = secret,
            Format = format,
            Events = events,
            MaxAttempts = Math.Max(1, attempts),
            FirstRetryDelay = firstRetry,
        };
        foreach (var problem in webhook.Validate())
        {
            errors.Add(map.Line, $"the webhook '{name}': {problem}");
        }

        return webhook;
    }
}
