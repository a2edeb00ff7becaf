namespace Airlock.Analysis;

/// <summary>
/// Recognizes credentials written out literally — AWS access keys, GitHub, Slack, Stripe and OpenAI
/// tokens, private-key blocks — so that sending one in a URL, a message or a request body is seen as
/// exfiltration. Prefix scans only; no regular expressions.
/// </summary>
internal static class SecretLiterals
{
    private static readonly (string Prefix, int MinimumTail)[] Prefixes =
    [
        ("AKIA", 16), ("ASIA", 16), ("ghp_", 30), ("gho_", 30), ("ghs_", 30), ("ghu_", 30), ("github_pat_", 30), ("xoxb-", 20), ("xoxp-", 20), ("xoxa-", 20),
        ("sk_live_", 20), ("rk_live_", 20), ("sk-proj-", 20), ("sk-ant-", 20), ("glpat-", 20), ("AIza", 30), ("npm_", 30), ("-----BEGIN ", 10),
    ];

    /// <summary>The kind of the first secret found in the text, or null.</summary>
    public static string? Find(string text)
    {
        foreach (var (prefix, tail) in Prefixes)
        {
            for (var at = text.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal))
            {
                var end = at + prefix.Length;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-' || (prefix == "-----BEGIN " && text[end] == ' ')))
                {
                    end++;
                }

                var boundary = at == 0 || !char.IsAsciiLetterOrDigit(text[at - 1]);
                if (boundary && end - at - prefix.Length >= tail)
                {
                    return prefix.TrimEnd('_', '-', ' ');
                }
            }
        }

        return null;
    }
}
