namespace Airlock.Audit;

/// <summary>A checkpoint-signing key as a bundle lists it.</summary>
public sealed record BundleKey(string Name, string Fingerprint, string PublicKeyPem, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);
