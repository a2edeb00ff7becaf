namespace Airlock.Audit;

/// <summary>Standard base64 (RFC 4648 §4) read strictly: padded, no whitespace, one encoding per value.</summary>
internal static class StrictBase64
{
    // Convert.TryFromBase64String skips whitespace and ignores the unused low bits of the last
    // character, so several strings decode to the same bytes; re-encoding and comparing leaves one.
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer.AsSpan(0, written).ToArray();
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
