namespace Airlock.Redaction;

/// <summary>Text with its secrets replaced by <c>[REDACTED:kind]</c> markers, and the kind of each secret replaced.</summary>
public sealed record RedactedText(string Text, IReadOnlyList<string> Kinds)
{
    /// <summary>Whether any secret was replaced.</summary>
    public bool Changed => Kinds.Count > 0;
}
