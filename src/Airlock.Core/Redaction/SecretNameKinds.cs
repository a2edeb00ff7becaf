namespace Airlock.Redaction;

/// <summary>
/// Tells from a name — an environment variable, a JSON member, an option, a header — whether its value
/// is a secret, and which kind. The name is split into words (<c>-</c>, <c>_</c>, <c>.</c> and camelCase)
/// and judged by its last word, so <c>GITHUB_TOKEN</c> and <c>clientSecret</c> are secrets while
/// <c>max_tokens</c>, <c>token_type</c> and <c>password_file</c> are not.
/// </summary>
internal static class SecretNameKinds
{
    private const int MaxNameLength = 128;

    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "pass", "passphrase", "storepass", "keypass", "srcstorepass",
        "deststorepass", "srckeypass", "destkeypass", "passin", "passout",
    };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "credential", "credentials", "apikey", "accesskey", "secretkey",
    };

    // "key" alone is too common (an S3 object key, a map key); these words before it make it a secret.
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "auth", "encryption", "signing", "master", "account",
        "subscription", "shared", "client", "license", "app",
    };

    /// <summary>The kind of secret a value under this name holds, or null when the name says nothing.</summary>
    public static string? Of(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return null;
        }

        var words = Words(name);
        if (words.Count == 0)
        {
            return null;
        }

        var last = words[^1];
        var previous = words.Count > 1 ? words[^2] : "";
        return last switch
        {
            "authorization" => RedactionKinds.Authorization,
            "cookie" => RedactionKinds.Cookie,
            _ when IsPassword(last) => RedactionKinds.Password,
            "confirmation" or "confirm" when words.Exists(IsPassword) => RedactionKinds.Password,
            "secretaccesskey" => RedactionKinds.AwsSecretKey,
            "key" when previous == "access" && words.Contains("secret") => RedactionKinds.AwsSecretKey,
            "id" when previous == "key" && words.Count > 2 && words[^3] == "access" => RedactionKinds.AwsAccessKey,
            "privatekey" => RedactionKinds.PrivateKey,
            "key" when previous == "private" => RedactionKinds.PrivateKey,
            "key" when KeyQualifiers.Contains(previous) => RedactionKinds.Secret,
            _ when SecretWords.Contains(last) => RedactionKinds.Secret,
            _ when last.EndsWith("token", StringComparison.Ordinal) || last.EndsWith("secret", StringComparison.Ordinal) => RedactionKinds.Secret,
            _ => null,
        };
    }

    private static bool IsPassword(string word) =>
        PasswordWords.Contains(word) || word.EndsWith("password", StringComparison.Ordinal) || word.EndsWith("passwd", StringComparison.Ordinal);

    /// <summary>Lower-case words: <c>X-Api-Key</c>, <c>xApiKey</c> and <c>X_API_KEY</c> all give x, api, key.</summary>
    internal static List<string> Words(ReadOnlySpan<char> name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var inWord = i < name.Length && char.IsAsciiLetterOrDigit(name[i]);
            if (start >= 0 && (!inWord || StartsCamelWord(name, i)))
            {
                words.Add(name[start..i].ToString().ToLowerInvariant());
                start = -1;
            }

            if (inWord && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    // apiKey → api|Key; APIKey → API|Key; the upper-case run ends before the capital that starts a word.
    private static bool StartsCamelWord(ReadOnlySpan<char> name, int i) =>
        i > 0 && i < name.Length && char.IsAsciiLetterUpper(name[i])
        && (char.IsAsciiLetterLower(name[i - 1])
            || (char.IsAsciiLetterUpper(name[i - 1]) && i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1])));
}
