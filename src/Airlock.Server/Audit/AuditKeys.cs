using Airlock.Audit;
using Airlock.Server.Store;

namespace Airlock.Server.Audit;

/// <summary>
/// The keys that sign audit checkpoints (ECDSA P-256). The private key is a PKCS#8 file readable only by
/// its owner, beside the database and never in it, so a copy of the database cannot forge checkpoints;
/// the public key, its fingerprint and its lifetime are in the database and in the log itself
/// (<c>key.added</c>, <c>key.retired</c>), so a verifier can follow a rotation from a key it trusts.
/// </summary>
internal sealed class AuditKeys(IGatewayStore store, string dataDirectory, TimeProvider time)
{
    public string KeyDirectory => Path.Combine(dataDirectory, "audit-keys");

    /// <summary>The log's origin: stored at first start and fixed from then on, since every checkpoint names it.</summary>
    public async Task<string> OriginAsync(string? configured, CancellationToken cancellationToken)
    {
        var proposed = configured ?? "airlock/" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var origin = await store.WriteAsync(tx => tx.SettingOrAdd("audit_origin", proposed), cancellationToken).ConfigureAwait(false);
        return configured is null || configured == origin
            ? origin
            : throw new InvalidOperationException($"The audit log's origin is '{origin}'; the configuration says '{configured}'. A log keeps its origin for life: remove 'audit.origin' or start a new data folder.");
    }

    /// <summary>The key that signs now, created on first use.</summary>
    public async Task<AuditKeyRow> ActiveAsync(string origin, CancellationToken cancellationToken)
    {
        var keys = await store.ReadAsync(r => r.AuditKeys(), cancellationToken).ConfigureAwait(false);
        return keys.LastOrDefault(k => k.RetiredAt is null) ?? await AddAsync(origin, retire: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a new signing key and retires the current one, in one transaction.</summary>
    public async Task<(AuditKeyRow Added, AuditKeyRow? Retired)> RotateAsync(string origin, CancellationToken cancellationToken)
    {
        var keys = await store.ReadAsync(r => r.AuditKeys(), cancellationToken).ConfigureAwait(false);
        var current = keys.LastOrDefault(k => k.RetiredAt is null);
        var added = await AddAsync(origin, current, cancellationToken).ConfigureAwait(false);
        return (added, current);
    }

    public AuditSigningKey LoadSigner(AuditKeyRow key)
    {
        var path = Path.IsPathRooted(key.PrivateKeyFile) ? key.PrivateKeyFile : Path.Combine(KeyDirectory, key.PrivateKeyFile);
        return AuditSigningKey.FromPkcs8Pem(key.Name, File.ReadAllText(path));
    }

    private async Task<AuditKeyRow> AddAsync(string origin, AuditKeyRow? retire, CancellationToken cancellationToken)
    {
        using var signer = AuditSigningKey.Generate(origin);
        var file = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signer.PublicKey.SubjectPublicKeyInfo))[..16] + ".pem";
        Directory.CreateDirectory(KeyDirectory);
        var path = Path.Combine(KeyDirectory, file);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(signer.ExportPkcs8Pem()).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        var now = time.GetUtcNow();
        string? endorsement = null;
        if (retire is not null)
        {
            // The outgoing key vouches for its successor inside the log, so a verifier that trusts the first key trusts the next.
            using var previous = LoadSigner(retire);
            endorsement = previous.SignNote(KeyEndorsement.Body(origin, signer.PublicKey.Fingerprint));
        }

        var row = new AuditKeyRow(signer.PublicKey.Fingerprint, origin, signer.PublicKey.Pem, file, now, null, endorsement);
        await store.WriteAsync(tx =>
        {
            if (retire is not null && !tx.RetireAuditKey(retire.Fingerprint, now))
            {
                throw new InvalidOperationException("The signing key changed while it was being rotated; run the rotation again.");
            }

            tx.AddAuditKey(row);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return row;
    }
}
