using System.Text.Json;

namespace Airlock.Redaction;

/// <summary>
/// Removes secrets from text and JSON before they reach a log line, a stored record or an error message.
/// Only the secret value is replaced, by <c>[REDACTED:kind]</c>, so a command stays readable for the
/// person who approves it: <c>curl -H 'Authorization: Bearer [REDACTED:bearer_token]' https://api.test</c>.
/// Redacting redacted text changes nothing. The work is linear in the text's length.
/// </summary>
public static class SecretRedactor
{
    private const int MaxPasses = 4;

    private static readonly Action<string, List<SecretSpan>>[] Finders =
    [
        PrivateKeyBlocks.Find,
        TokenFormats.Find,
        UrlCredentials.Find,
        KeyValueSecrets.Find,
        OptionSecrets.Find,
        ProgramOptionSecrets.Find,
        SqlPasswords.Find,
    ];

    /// <summary>Replaces every secret found in the text; never throws.</summary>
    public static RedactedText Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new RedactedText(text ?? "", []);
        }

        try
        {
            var result = RedactOnce(text);
            if (!result.Changed)
            {
                return result;
            }

            // Removing a secret can join text that a finder then reads differently (a shortened line brings
            // a ';' into reach), so redaction repeats until nothing more is found; real text settles at once.
            var kinds = new List<string>(result.Kinds);
            for (var pass = 1; pass < MaxPasses; pass++)
            {
                var again = RedactOnce(result.Text);
                if (!again.Changed)
                {
                    break;
                }

                kinds.AddRange(again.Kinds);
                result = again;
            }

            return new RedactedText(result.Text, kinds);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Fail closed: text that could not be scanned (a regex timeout, a defect) is withheld whole.
            return new RedactedText(RedactionKinds.Marker(RedactionKinds.Secret), [RedactionKinds.Secret]);
        }
    }

    private static RedactedText RedactOnce(string text)
    {
        var spans = new List<SecretSpan>();
        foreach (var find in Finders)
        {
            find(text, spans);
        }

        return Markers.Apply(text, spans);
    }

    /// <summary>
    /// Redacts every string value in a JSON element (recursively); object members whose name says secret
    /// (password, token, api_key, authorization, cookie, client_secret…) have their whole value replaced by
    /// <c>"[REDACTED:kind]"</c>. Returns the redacted element and a note per redaction with its JSON path.
    /// </summary>
    public static (JsonElement Redacted, IReadOnlyList<RedactionNote> Notes) RedactJson(JsonElement element, string path = "$") =>
        JsonRedactor.Redact(element, path ?? "$");
}
