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

    public Audit.AuditOptions Audit { get; init; } = new();
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
        var audit = root.Map("audit") is { } auditMap ? ReadAudit(auditMap, errors) : new Audit.AuditOptions();
        var routes = ProxyRouteConfig.Read(root, errors);
        root.RejectUnknownKeys("the server configuration");
        return errors.Any ? throw new ConfigException(errors.All) : new GatewayConfig { PublicUrl = publicUrl, Webhooks = webhooks, Audit = audit, ProxyRoutes = routes };
    }

    private static Audit.AuditOptions ReadAudit(YamlMap map, ConfigErrors errors)
    {
        var defaults = new Audit.AuditOptions();
        var origin = map.String("origin");
        if (origin is not null && (origin.Length == 0 || origin.Any(c => char.IsWhiteSpace(c) || c == '+')))
        {
            errors.Add(map.Line, $"'audit.origin' must be a name without spaces or '+': '{origin}'");
        }

        var interval = map.Duration("checkpoint_interval") ?? defaults.CheckpointInterval;
        var heartbeat = map.Duration("heartbeat") ?? defaults.Heartbeat;
        if (interval <= TimeSpan.Zero || heartbeat < interval)
        {
            errors.Add(map.Line, "'audit.checkpoint_interval' must be positive and 'audit.heartbeat' at least as long");
        }

        var splunk = map.Map("splunk_hec") is { } hec ? ReadSplunk(hec, errors) : null;
        map.RejectUnknownKeys("the audit section");
        return new Audit.AuditOptions { Origin = origin, CheckpointInterval = interval, Heartbeat = heartbeat, SplunkHec = splunk };
    }

    private static Audit.SplunkHecOptions? ReadSplunk(YamlMap map, ConfigErrors errors)
    {
        var urlText = map.String("url");
        var tokenVariable = map.String("token_env");
        var index = map.String("index");
        var batch = map.Int("batch_size", 500);
        var firstRetry = map.Duration("first_retry_delay") ?? TimeSpan.FromSeconds(1);
        map.RejectUnknownKeys("audit.splunk_hec");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(map.Line, "'audit.splunk_hec' needs 'url': the collector's absolute http or https URL");
            return null;
        }

        var token = tokenVariable is null ? null : Environment.GetEnvironmentVariable(tokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            errors.Add(map.Line, tokenVariable is null
                ? "'audit.splunk_hec' needs 'token_env': the environment variable that holds the HEC token"
                : $"'audit.splunk_hec' reads its token from ${tokenVariable}, which is not set");
            return null;
        }

        return new Audit.SplunkHecOptions { Url = url, Token = token, Index = index, BatchSize = Math.Clamp(batch, 1, 10_000), FirstRetryDelay = firstRetry };
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
