using System.Security.Cryptography;
using System.Text;

namespace Airlock.Server.Proxy;

/// <summary>
/// Seals what the proxy must keep secret at rest — upstream credentials and kept responses — with
/// AES-256-GCM. The key is 32 random bytes in its own file in the data folder (<c>proxy.key</c>, mode
/// 0600), apart from the database, so a copy of the database alone reveals nothing. Each value is
/// authenticated with associated data naming what it is (a credential for route X), so a sealed value
/// moved to another row does not open.
/// </summary>
internal sealed class SecretBox
{
    public const string KeyFileName = "proxy.key";

    private const byte Version = 1;
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key;

    public SecretBox(string dataDirectory)
    {
        KeyPath = Path.Combine(dataDirectory, KeyFileName);
        _key = new Lazy<byte[]>(LoadOrCreateKey, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string KeyPath { get; }

    /// <summary>Version byte, nonce, ciphertext and tag, in one value.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var sealedValue = new byte[1 + NonceSize + plaintext.Length + TagSize];
        sealedValue[0] = Version;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(1 + NonceSize, plaintext.Length), sealedValue.AsSpan(1 + NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(associatedData));
        return sealedValue;
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> when the value was altered, moved, or sealed with another key.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedValue, string associatedData)
    {
        if (sealedValue.Length < 1 + NonceSize + TagSize || sealedValue[0] != Version)
        {
            throw new CryptographicException("The sealed value is not in a format this gateway reads.");
        }

        var length = sealedValue.Length - 1 - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Decrypt(sealedValue.Slice(1, NonceSize), sealedValue.Slice(1 + NonceSize, length), sealedValue[^TagSize..], plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }

    /// <summary>Creates the key file on first use (created 0600, never widened); refuses a key file others can read.</summary>
    public void EnsureKey() => _ = _key.Value;

    private byte[] LoadOrCreateKey()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        if (!File.Exists(KeyPath))
        {
            var key = RandomNumberGenerator.GetBytes(KeySize);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(KeyPath, options);
                file.Write(key);
                file.Flush(flushToDisk: true);
                return key;
            }
            catch (IOException) when (File.Exists(KeyPath))
            {
                // Another gateway process on the same data folder created it first: use that one.
            }
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(KeyPath) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new IOException($"The proxy's key file {KeyPath} can be read by other users; run 'chmod 600 {KeyPath}' and start again.");
        }

        var stored = File.ReadAllBytes(KeyPath);
        return stored.Length == KeySize
            ? stored
            : throw new IOException($"The proxy's key file {KeyPath} is not a {KeySize}-byte key; restore it from a backup (without it the stored credentials cannot be read).");
    }
}
