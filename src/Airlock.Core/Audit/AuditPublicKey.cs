using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Airlock.Audit;

/// <summary>
/// An ECDSA P-256 / SHA-256 public key that verifies C2SP signed notes, signature type 0x02
/// (c2sp.org/signed-note), the type Sigstore's Rekor signs its checkpoints with.
/// </summary>
public sealed class AuditPublicKey
{
    // id-ecPublicKey with the named curve prime256v1 (secp256r1, NIST P-256).
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECParameters _parameters;

    private AuditPublicKey(string name, byte[] subjectPublicKeyInfo, ECParameters parameters)
    {
        Name = name;
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        _parameters = parameters;

        var digest = SHA256.HashData(subjectPublicKeyInfo);
        KeyId = BinaryPrimitives.ReadUInt32BigEndian(digest);
        Fingerprint = "SHA256:" + Convert.ToBase64String(digest).TrimEnd('=');
        Pem = PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo);
    }

    /// <summary>The signed-note key name (no whitespace, no '+').</summary>
    public string Name { get; }

    /// <summary>The DER SubjectPublicKeyInfo, as Go's x509.MarshalPKIXPublicKey writes it (named curve, uncompressed point).</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The SubjectPublicKeyInfo as a "PUBLIC KEY" PEM block.</summary>
    public string Pem { get; }

    /// <summary>
    /// The signed-note key ID: the first four bytes, big-endian, of SHA-256 of the DER
    /// SubjectPublicKeyInfo. For signature type 0x02 the specification derives it from the key alone,
    /// without the key name (c2sp.org/signed-note, "Signature types").
    /// </summary>
    public uint KeyId { get; }

    /// <summary>"SHA256:" and the unpadded base64 of SHA-256 of the DER SubjectPublicKeyInfo, in the style of OpenSSH.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads a "PUBLIC KEY" (SubjectPublicKeyInfo) PEM block holding a P-256 key.</summary>
    /// <exception cref="FormatException">Not exactly one such block, or not a P-256 key.</exception>
    public static AuditPublicKey FromPem(string name, string pem) =>
        FromSubjectPublicKeyInfo(name, PemBlock.Decode(pem, "PUBLIC KEY", "an ECDSA P-256 public key"));

    /// <summary>Reads a DER SubjectPublicKeyInfo holding a P-256 key.</summary>
    /// <exception cref="FormatException">Not a well-formed SubjectPublicKeyInfo, or not a P-256 key.</exception>
    public static AuditPublicKey FromSubjectPublicKeyInfo(string name, byte[] spki)
    {
        NoteText.RequireKeyName(name);
        ArgumentNullException.ThrowIfNull(spki);

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length)
            {
                throw new FormatException($"The public key has {spki.Length - read} bytes after its SubjectPublicKeyInfo.");
            }
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"The public key is not an elliptic-curve SubjectPublicKeyInfo ({e.Message}); audit keys are ECDSA P-256.", e);
        }

        var parameters = RequireP256(key);

        // Re-encoded so the key ID matches Go's (Rekor's) for any encoding of the same key.
        return new AuditPublicKey(name, key.ExportSubjectPublicKeyInfo(), parameters);
    }

    /// <summary>
    /// Whether <paramref name="signature"/>, an ASN.1 DER ECDSA-Sig-Value (RFC 3279) over SHA-256 of
    /// <paramref name="message"/>, was made by this key: the encoding of signature type 0x02.
    /// </summary>
    public bool VerifySignature(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        // A fresh ECDsa per call: verification is rare (once per checkpoint) and this keeps the
        // key free of shared native state, so it is safe to use from several threads.
        using var key = ECDsa.Create(_parameters);
        try
        {
            return key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Name} {Fingerprint}";

    internal static ECParameters RequireP256(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (!parameters.Curve.IsNamed || parameters.Curve.Oid.Value != P256Oid)
        {
            var curve = parameters.Curve.IsNamed ? parameters.Curve.Oid.FriendlyName ?? parameters.Curve.Oid.Value : "explicit parameters";
            throw new FormatException($"The key is on the curve {curve}; audit keys are ECDSA P-256 (prime256v1).");
        }

        return parameters;
    }
}
