using System.Security.Cryptography;

namespace Airlock.Audit;

/// <summary>Reads a text that is exactly one PEM block (RFC 7468) with an expected label.</summary>
internal static class PemBlock
{
    /// <summary>The DER inside the block, or a <see cref="FormatException"/> saying what was found instead.</summary>
    public static byte[] Decode(string pem, string expectedLabel, string expectation)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new FormatException($"Expected {expectation} in PEM form ('-----BEGIN {expectedLabel}-----'), but found no PEM block.");
        }

        var label = pem[fields.Label];
        if (!string.Equals(label, expectedLabel, StringComparison.Ordinal))
        {
            throw new FormatException($"Expected {expectation} ('-----BEGIN {expectedLabel}-----'), but found '-----BEGIN {label}-----'.");
        }

        // A second block or stray text would be silently ignored by TryFind; say so instead.
        if (!string.IsNullOrWhiteSpace(pem[..fields.Location.Start]) || !string.IsNullOrWhiteSpace(pem[fields.Location.End..]))
        {
            throw new FormatException($"Expected exactly one PEM block ({expectation}), but found other text around it.");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan(fields.Base64Data), der, out var written) || written != der.Length)
        {
            throw new FormatException($"The PEM block of {expectation} is not valid base64.");
        }

        return der;
    }
}
