using System.Text.RegularExpressions;

namespace Airlock.Redaction;

/// <summary>
/// Finds credentials by their own format, wherever they appear: GitHub, GitLab, Slack, Stripe, OpenAI,
/// Anthropic, AWS, Google, Hugging Face, SendGrid, npm and Airlock tokens, and JWTs.
/// </summary>
/// <remarks>
/// Every pattern starts with a literal prefix that must not follow a token character, and its tail is one
/// greedy character class, so each run of token characters is read once: linear time, no backtracking
/// blow-up. A token's tail takes every following token character, so the text after a marker never
/// starts a token that the first pass missed (which keeps redaction idempotent).
/// </remarks>
internal static partial class TokenFormats
{
    private const string NotAfterToken = "(?<![A-Za-z0-9_-])";
    private const int TimeoutMilliseconds = 2000;
    private const int MinOpenAiRun = 20;

    private static readonly (Regex Pattern, string Kind, Func<string, bool>? IsValid)[] Formats =
    [
        (GitHub(), RedactionKinds.GitHubToken, null),
        (GitLab(), RedactionKinds.GitLabToken, null),
        (Slack(), RedactionKinds.SlackToken, null),
        (Stripe(), RedactionKinds.StripeKey, null),
        (Anthropic(), RedactionKinds.AnthropicKey, null),
        (OpenAi(), RedactionKinds.OpenAiKey, IsOpenAiKey),
        (Aws(), RedactionKinds.AwsAccessKey, IsAwsKeyId),
        (Google(), RedactionKinds.GoogleApiKey, null),
        (HuggingFace(), RedactionKinds.HuggingFaceToken, null),
        (SendGrid(), RedactionKinds.SendGridKey, null),
        (Npm(), RedactionKinds.NpmToken, null),
        (Airlock(), RedactionKinds.AirlockToken, null),
        (Jwt(), RedactionKinds.Jwt, null),
    ];

    public static void Find(string text, List<SecretSpan> spans)
    {
        foreach (var (pattern, kind, isValid) in Formats)
        {
            for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
            {
                if (isValid is null || isValid(match.Value))
                {
                    spans.Add(new SecretSpan(match.Index, match.Index + match.Length, kind, SecretSpan.ByFormat));
                }
            }
        }
    }

    /// <summary>The kind of token the whole value is, or null.</summary>
    public static string? KindOf(string value)
    {
        var spans = new List<SecretSpan>();
        Find(value, spans);
        foreach (var span in spans)
        {
            if (span.Start == 0 && span.End == value.Length)
            {
                return span.Kind;
            }
        }

        return null;
    }

    // sk-ant- is Anthropic's; a branch such as sk-fix-the-login-page is nobody's key: real keys hold a long random run.
    private static bool IsOpenAiKey(string token)
    {
        if (token.StartsWith("sk-ant-", StringComparison.Ordinal))
        {
            return false;
        }

        var run = 0;
        foreach (var c in token.AsSpan(3))
        {
            run = char.IsAsciiLetterOrDigit(c) ? run + 1 : 0;
            if (run >= MinOpenAiRun)
            {
                return true;
            }
        }

        return false;
    }

    // Access key ids are AKIA/ASIA and sixteen upper-case letters or digits.
    private static bool IsAwsKeyId(string token) =>
        token.Length >= 20 && IsUpperAlnum(token.AsSpan(4, 16));

    private static bool IsUpperAlnum(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(NotAfterToken + "(?:gh[pousr]_[A-Za-z0-9_]{36,}|github_pat_[A-Za-z0-9_]{22,})", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex GitHub();

    [GeneratedRegex(NotAfterToken + "gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex GitLab();

    [GeneratedRegex(NotAfterToken + "xox[abprse]-[A-Za-z0-9_-]{10,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Slack();

    [GeneratedRegex(NotAfterToken + "(?:sk|rk)_(?:live|test)_[A-Za-z0-9_]{16,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Stripe();

    [GeneratedRegex(NotAfterToken + "sk-ant-[A-Za-z0-9_-]{20,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Anthropic();

    [GeneratedRegex(NotAfterToken + "sk-[A-Za-z0-9_-]{20,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex OpenAi();

    [GeneratedRegex(NotAfterToken + "(?:AKIA|ASIA)[A-Za-z0-9_]{16,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Aws();

    [GeneratedRegex(NotAfterToken + "AIza[A-Za-z0-9_-]{35,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Google();

    [GeneratedRegex(NotAfterToken + "hf_[A-Za-z0-9_]{30,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex HuggingFace();

    [GeneratedRegex(NotAfterToken + @"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex SendGrid();

    [GeneratedRegex(NotAfterToken + "npm_[A-Za-z0-9_]{36,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Npm();

    [GeneratedRegex(NotAfterToken + "alk_[A-Za-z0-9_-]{16,}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Airlock();

    [GeneratedRegex(NotAfterToken + @"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Jwt();
}
