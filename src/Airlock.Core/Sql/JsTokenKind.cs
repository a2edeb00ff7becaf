namespace Airlock.Sql;

/// <summary>The lexical classes the mongosh analyzer distinguishes.</summary>
internal enum JsTokenKind
{
    Identifier,
    /// <summary>A '…', "…" or `…` literal, or a regular expression literal.</summary>
    String,
    Number,
    /// <summary>One punctuation or operator character.</summary>
    Punctuation,
}
