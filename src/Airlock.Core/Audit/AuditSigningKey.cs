using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Airlock.Audit;

/// <summary>An ECDSA P-256 private key that signs C2SP signed notes (signature type 0x02).</summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigningKey(string name, ECDsa key)
    {
        Name = name;
        _key = key;
        PublicKey = AuditPublicKey.FromSubjectPublicKeyInfo(name, key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The signed-note key name.</summary>
    public string Name { get; }

    /// <summary>The public half, under the same name.</summary>
    public AuditPublicKey PublicKey { get; }

    /// <summary>A new random P-256 key.</summary>
    public static AuditSigningKey Generate(string name)
    {
        NoteText.RequireKeyName(name);
        return new AuditSigningKey(name, ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    /// <summary>Reads an unencrypted PKCS#8 "PRIVATE KEY" PEM block holding a P-256 key.</summary>
    /// <exception cref="FormatException">Not exactly one such block (a SEC 1 "EC PRIVATE KEY" or an encrypted key included), or not a P-256 key.</exception>
    public static AuditSigningKey FromPkcs8Pem(string name, string pem)
    {
        NoteText.RequireKeyName(name);
        ArgumentNullException.ThrowIfNull(pem);

        byte[] der;
        try
        {
            der = PemBlock.Decode(pem, "PRIVATE KEY", "an unencrypted PKCS#8 ECDSA P-256 private key");
        }
        catch (FormatException e) when (pem.Contains("-----BEGIN EC PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new FormatException(
                $"{e.Message} Convert a SEC 1 key with 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem'.", e);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(der, out var read);
            if (read != der.Length)
            {
                throw new FormatException($"The private key has {der.Length - read} bytes after its PKCS#8 structure.");
            }

            AuditPublicKey.RequireP256(key);
            return new AuditSigningKey(name, key);
        }
        catch (FormatException)
        {
            key.Dispose();
            throw;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new FormatException($"The private key is not an elliptic-curve PKCS#8 key ({e.Message}); audit keys are ECDSA P-256.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>The key as an unencrypted PKCS#8 "PRIVATE KEY" PEM block: protect the file it goes to.</summary>
    public string ExportPkcs8Pem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// The complete signed note: <paramref name="body"/>, a blank line, and the signature line
    /// "— {Name} {base64(key ID || DER ECDSA signature)}" ending with a newline.
    /// </summary>
    /// <exception cref="ArgumentException">The body is empty, does not end with a newline, or holds a control character other than newline.</exception>
    public string SignNote(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0 || body[^1] != '\n')
        {
            throw new ArgumentException("A note body must end with a newline.", nameof(body));
        }

        if (NoteText.FindProblem(body) is { } problem)
        {
            throw new ArgumentException($"A note body must be note text, but {problem}.", nameof(body));
        }

        var signature = _key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var keyIdAndSignature = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(keyIdAndSignature, PublicKey.KeyId);
        signature.CopyTo(keyIdAndSignature, 4);

        return $"{body}\n{NoteText.SignaturePrefix}{Name} {Convert.ToBase64String(keyIdAndSignature)}\n";
    }

    public void Dispose() => _key.Dispose();
}
