namespace Airlock.Redaction;

/// <summary>
/// Finds PEM private-key blocks (<c>-----BEGIN RSA PRIVATE KEY-----</c> … <c>-----END RSA PRIVATE KEY-----</c>,
/// OpenSSH, PKCS#8, encrypted and PGP keys) and replaces each whole block. A block with no end — a
/// truncated paste — runs to the end of the text: what follows its start is key material.
/// </summary>
internal static class PrivateKeyBlocks
{
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";
    private const string Dashes = "-----";
    private const int MaxLabel = 64;

    public static void Find(string text, List<SecretSpan> spans)
    {
        var at = text.IndexOf(Begin, StringComparison.Ordinal);
        while (at >= 0)
        {
            var labelStart = at + Begin.Length;
            var labelEnd = IndexWithin(text, Dashes, labelStart, MaxLabel);
            if (labelEnd < 0 || !text.AsSpan(labelStart, labelEnd - labelStart).Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                at = text.IndexOf(Begin, labelStart, StringComparison.Ordinal);
                continue;
            }

            var blockEnd = text.Length;
            var end = text.IndexOf(End, labelEnd + Dashes.Length, StringComparison.Ordinal);
            if (end >= 0)
            {
                var close = IndexWithin(text, Dashes, end + End.Length, MaxLabel);
                blockEnd = close < 0 ? end + End.Length : close + Dashes.Length;
            }

            spans.Add(new SecretSpan(at, blockEnd, RedactionKinds.PrivateKey, SecretSpan.ByFormat));
            at = blockEnd < text.Length ? text.IndexOf(Begin, blockEnd, StringComparison.Ordinal) : -1;
        }
    }

    private static int IndexWithin(string text, string value, int start, int limit)
    {
        var found = text.AsSpan(start, Math.Min(limit + value.Length, text.Length - start)).IndexOf(value, StringComparison.Ordinal);
        return found < 0 ? -1 : start + found;
    }
}
