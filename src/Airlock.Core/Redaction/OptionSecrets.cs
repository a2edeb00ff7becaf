namespace Airlock.Redaction;

/// <summary>
/// Finds command-line options whose name says secret and whose value is the next word:
/// <c>--password X</c>, <c>--token X</c>, <c>--api-key X</c>, <c>--client-secret X</c>, <c>-storepass X</c>.
/// The <c>--name=value</c> form is read by <see cref="KeyValueSecrets"/>; one-letter options mean
/// different things to different programs and are read by <see cref="ProgramOptionSecrets"/>.
/// </summary>
internal static class OptionSecrets
{
    private const int MaxNameLength = 64;

    // A switch such as --no-password or --ask-vault-pass takes no value; the word after it is something else.
    private static readonly HashSet<string> SwitchWords = new(StringComparer.Ordinal)
    {
        "no", "ask", "prompt", "with", "use", "require", "show", "skip", "save", "allow", "disable", "enable",
        "reset", "change", "generate", "rotate", "print", "read",
    };

    public static void Find(string text, List<SecretSpan> spans)
    {
        var at = text.IndexOf('-');
        while (at >= 0 && at < text.Length)
        {
            var resume = TryRedact(text, at, spans);
            at = resume < text.Length ? text.IndexOf('-', resume) : -1;
        }
    }

    private static int TryRedact(string text, int dash, List<SecretSpan> spans)
    {
        if (dash > 0 && !(char.IsWhiteSpace(text[dash - 1]) || text[dash - 1] is '"' or '\'' or '('))
        {
            return dash + 1;
        }

        var nameStart = dash + 1;
        if (nameStart < text.Length && text[nameStart] == '-')
        {
            nameStart++;
        }

        var nameEnd = nameStart;
        while (nameEnd < text.Length && nameEnd - nameStart <= MaxNameLength && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] is '-' or '_'))
        {
            nameEnd++;
        }

        // One-letter options (-p, -u) are left to the programs that define them.
        if (nameEnd - nameStart < 2 || !char.IsAsciiLetter(text[nameStart]) || nameEnd >= text.Length || text[nameEnd] is not (' ' or '\t'))
        {
            return Math.Max(nameEnd, dash + 1);
        }

        var name = text.AsSpan(nameStart, nameEnd - nameStart);
        var kind = SecretNameKinds.Of(name);
        if (kind is null || SwitchWords.Contains(SecretNameKinds.Words(name)[0]))
        {
            return nameEnd;
        }

        var at = SecretValues.SkipToNextWord(text, nameEnd);
        var contentStart = SecretValues.ContentStart(text, at);
        if (at >= text.Length || text[at] == '-' || SecretValues.HoldsNoSecret(text, contentStart) || SecretValues.IsPathFor(name, kind, text, contentStart))
        {
            return nameEnd;
        }

        var value = SecretValues.Read(text, at);
        if (value.Length > 0 && !SecretValues.IsLiteral(text.AsSpan(value.Start, value.Length)))
        {
            spans.Add(new SecretSpan(value.Start, value.End, kind == RedactionKinds.Authorization ? RedactionKinds.Secret : kind));
        }

        return Math.Max(value.Resume, nameEnd);
    }
}
