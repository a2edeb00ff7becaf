using System.Security.Cryptography;
using System.Text;

namespace Airlock.Server.Auth;

/// <summary>
/// Token values: <c>alk_ROLE_</c> and 256 random bits in base64url. The prefix lets secret scanners
/// and Airlock's own redactor recognize a leaked token; only the SHA-256 hash is ever stored.
/// </summary>
internal static class TokenSecrets
{
    public static string Generate(Role role) => $"alk_{Configuration.EnumNames.Of(role)}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A short random id with a type prefix: <c>tok_…</c>, <c>apr_…</c>, <c>grt_…</c>.</summary>
    public static string NewId(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}";

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
