namespace Airlock.Server.Store;

/// <summary>
/// The upstream credential of one proxy route, sealed with AES-256-GCM (<see cref="Proxy.SecretBox"/>):
/// nonce, ciphertext and tag in one value, authenticated with the route's name. Never returned by any API.
/// </summary>
internal sealed record ProxyCredentialRecord
{
    public required string Route { get; init; }
    public required byte[] Sealed { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}
