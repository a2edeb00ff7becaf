namespace Airlock.Server.Notifications;

/// <summary>One webhook that hears about approval events: where, how it is signed, what it is sent.</summary>
internal sealed record WebhookOptions
{
    /// <summary>The Airlock event envelope: <c>{"id", "type", "occurred_at", "approval"}</c>.</summary>
    public const string AirlockFormat = "airlock";

    /// <summary>A Slack incoming-webhook message with Block Kit blocks.</summary>
    public const string SlackFormat = "slack";

    /// <summary>The event types the gateway publishes; a filter naming anything else is a typo.</summary>
    public static IReadOnlyList<string> KnownEventTypes { get; } =
    [
        "approval.requested",
        "approval.voted",
        "approval.approved",
        "approval.rejected",
        "approval.cancelled",
        "approval.expired",
        "grant.consumed",
    ];

    /// <summary>What log lines call this webhook; the URL's path and query are never logged.</summary>
    public required string Name { get; init; }

    /// <summary>Where events are posted. Treat the whole URL as a secret: a Slack webhook's path is its credential.</summary>
    public required Uri Url { get; init; }

    /// <summary>The HMAC key for the <c>Airlock-Signature</c> header; requests are unsigned without one.</summary>
    public string? Secret { get; init; }

    /// <summary><see cref="AirlockFormat"/> (the default) or <see cref="SlackFormat"/>.</summary>
    public string Format { get; init; } = AirlockFormat;

    /// <summary>The event types to send; empty sends all of them.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Attempts per delivery, the first one included.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The wait before the first retry; it doubles for each later one, up to five minutes, with ±20% jitter.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the format is <see cref="SlackFormat"/>, in any case.</summary>
    public bool IsSlack => string.Equals(Format, SlackFormat, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this webhook wants events of <paramref name="eventType"/>.</summary>
    public bool Accepts(string eventType) => Events.Count == 0 || Events.Contains(eventType, StringComparer.Ordinal);

    /// <summary>Every problem with these options, each one sentence; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var name = string.IsNullOrWhiteSpace(Name) ? "(unnamed)" : Name;
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("A webhook needs a name.");
        }

        // The URL is not echoed back: it may carry a credential.
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttps && Url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"Webhook '{name}': the url must be an absolute http or https URL.");
        }

        if (Secret is not null && string.IsNullOrWhiteSpace(Secret))
        {
            errors.Add($"Webhook '{name}': the secret is empty; leave it out to send unsigned requests.");
        }

        if (!string.Equals(Format, AirlockFormat, StringComparison.OrdinalIgnoreCase) && !IsSlack)
        {
            errors.Add($"Webhook '{name}': format '{Format}' is not '{AirlockFormat}' or '{SlackFormat}'.");
        }

        foreach (var eventType in Events ?? [])
        {
            if (!KnownEventTypes.Contains(eventType, StringComparer.Ordinal))
            {
                errors.Add($"Webhook '{name}': event '{eventType}' is not one of {string.Join(", ", KnownEventTypes)}.");
            }
        }

        if (MaxAttempts < 1)
        {
            errors.Add($"Webhook '{name}': max attempts must be at least 1.");
        }

        if (FirstRetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"Webhook '{name}': the first retry delay must be positive.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Webhook '{name}': the attempt timeout must be positive.");
        }

        return errors;
    }

    // The generated record ToString would print the URL and the secret into any log that formats this object.
    public override string ToString() => Url is { IsAbsoluteUri: true } ? $"{Name} ({Url.Host})" : Name;
}
