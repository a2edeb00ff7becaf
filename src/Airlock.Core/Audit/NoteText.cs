namespace Airlock.Audit;

/// <summary>The character rules of c2sp.org/signed-note, shared by notes, checkpoints and key names.</summary>
internal static class NoteText
{
    /// <summary>U+2014 EM DASH and a space: how every signature line starts.</summary>
    public const string SignaturePrefix = "\u2014 ";

    /// <summary>
    /// Why <paramref name="text"/> cannot be part of a signed note (it must be valid UTF-8 with no ASCII
    /// control character other than newline), or null when it can.
    /// </summary>
    public static string? FindProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c != '\n')
            {
                return $"it contains the control character U+{(int)c:X4} at position {i} (only newline is allowed)";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"it contains an unpaired surrogate at position {i}, which has no UTF-8 encoding";
            }
        }

        return null;
    }

    /// <summary>A key name is non-empty, with no Unicode space, no plus sign and nothing a note forbids.</summary>
    public static bool IsValidKeyName(string? name) =>
        !string.IsNullOrEmpty(name)
        && FindProblem(name) is null
        && !name.Contains('+', StringComparison.Ordinal)
        && !name.Any(char.IsWhiteSpace);

    public static void RequireKeyName(string name)
    {
        if (!IsValidKeyName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a signed-note key name: it must be non-empty, without spaces, '+' or control characters.",
                nameof(name));
        }
    }
}
