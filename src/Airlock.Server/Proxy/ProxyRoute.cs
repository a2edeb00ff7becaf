namespace Airlock.Server.Proxy;

/// <summary>
/// One route of the HTTP proxy, from the server configuration: requests under <c>/proxy/NAME/</c> go to
/// <see cref="Upstream"/> with the gateway's credential for the route put in <see cref="CredentialHeader"/>.
/// </summary>
internal sealed record ProxyRoute
{
    public const string PathPrefix = "/proxy/";

    public required string Name { get; init; }

    /// <summary>The upstream base URL, ending in <c>/</c>; the rest of the request's path is appended to it.</summary>
    public required Uri Upstream { get; init; }

    /// <summary>The upstream's environment as configured (<c>production</c>, <c>staging</c>…); null: judged from the host name.</summary>
    public string? Environment { get; init; }

    /// <summary>The header the credential goes in (<c>Authorization</c>, <c>x-api-key</c>); null: no credential is injected.</summary>
    public string? CredentialHeader { get; init; }

    /// <summary>Written before the credential with a space (<c>Bearer</c>); null: the header is the credential alone.</summary>
    public string? CredentialScheme { get; init; }

    /// <summary>The upstream honours <c>Idempotency-Key</c>: approved requests and keyed requests carry one.</summary>
    public bool IdempotencyKey { get; init; }

    /// <summary>How long to wait for the upstream's response headers.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    public string Prefix => PathPrefix + Name + "/";

    /// <summary>The header value to send upstream for a credential.</summary>
    public string CredentialValue(string secret) => CredentialScheme is null ? secret : $"{CredentialScheme} {secret}";
}
