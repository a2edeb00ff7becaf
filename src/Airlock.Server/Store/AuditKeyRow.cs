namespace Airlock.Server.Store;

/// <summary>
/// A checkpoint-signing key: its public half (the private half is a file beside the database), and when it
/// stopped signing. <see cref="Endorsement"/>, set when it replaces a key, is a note signed by the key it
/// replaces naming this one (written to the log, not to the table).
/// </summary>
internal sealed record AuditKeyRow(string Fingerprint, string Name, string PublicKeyPem, string PrivateKeyFile, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string? Endorsement = null);
