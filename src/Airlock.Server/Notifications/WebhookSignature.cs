using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Airlock.Server.Notifications;

/// <summary>
/// Signs and verifies Airlock webhook requests. The header reads <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
/// where the hex is the lowercase HMAC-SHA256, keyed with the UTF-8 bytes of the secret, of
/// <c>"{t}.{body}"</c> over the exact request body bytes.
/// </summary>
/// <remarks>
/// A receiver reads the raw body, calls <see cref="Verify"/> with <see cref="RecommendedTolerance"/>,
/// and then drops any <c>Airlock-Delivery</c> id it has already handled: the timestamp bounds how long
/// a captured request can be replayed, the delivery id makes a replay inside that window harmless.
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = "Airlock-Signature";

    /// <summary>How far a request's timestamp may be from the receiver's clock: five minutes.</summary>
    public static TimeSpan RecommendedTolerance { get; } = TimeSpan.FromMinutes(5);

    private const int HashSize = HMACSHA256.HashSizeInBytes;

    // A real header is under 200 characters; anything far longer is not worth parsing.
    private const int MaxHeaderLength = 4096;

    /// <summary>Returns the <c>Airlock-Signature</c> header value for a body sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> hash = stackalloc byte[HashSize];
        ComputeHash(secret, timestamp, body, hash);
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(hash)}");
    }

    /// <summary>
    /// True when <paramref name="header"/> carries a timestamp within <paramref name="tolerance"/> of
    /// <paramref name="now"/> and at least one <c>v1=</c> signature of the body made with <paramref name="secret"/>.
    /// Several <c>v1=</c> entries are accepted so a sender can sign with an old and a new secret while
    /// receivers rotate. A missing or malformed header is false, never an exception.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        if (string.IsNullOrEmpty(header) || header.Length > MaxHeaderLength
            || !TryReadTimestamp(header, out var timestamp))
        {
            return false;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        var toleranceSeconds = (long)tolerance.TotalSeconds;
        if (timestamp < nowSeconds - toleranceSeconds || timestamp > nowSeconds + toleranceSeconds)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashSize];
        ComputeHash(secret, timestamp, body, expected);
        Span<byte> candidate = stackalloc byte[HashSize];
        var matched = false;
        foreach (var range in header.AsSpan().Split(','))
        {
            var entry = header.AsSpan(range).Trim();
            if (!entry.StartsWith("v1=", StringComparison.Ordinal))
            {
                continue;
            }

            var hex = entry[3..];
            if (hex.Length == HashSize * 2
                && Convert.FromHexString(hex, candidate, out _, out var written) == OperationStatus.Done
                && written == HashSize)
            {
                // Compare every entry, not just until the first match, so timing says nothing about which one matched.
                matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        return matched;
    }

    private static bool TryReadTimestamp(string header, out long timestamp)
    {
        timestamp = 0;
        var found = false;
        foreach (var range in header.AsSpan().Split(','))
        {
            var entry = header.AsSpan(range).Trim();
            if (!entry.StartsWith("t=", StringComparison.Ordinal))
            {
                continue;
            }

            // Two timestamps make the header ambiguous: which one did the signer mean?
            if (found || !long.TryParse(entry[2..], NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
            {
                return false;
            }

            found = true;
        }

        return found;
    }

    private static void ComputeHash(string secret, long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        Span<byte> prefix = stackalloc byte[24];
        timestamp.TryFormat(prefix, out var length, provider: CultureInfo.InvariantCulture);
        prefix[length++] = (byte)'.';
        hmac.AppendData(prefix[..length]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
