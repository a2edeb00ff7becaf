namespace Airlock.Sql;

/// <summary>
/// A token as offsets into the source. For literals and quoted identifiers the content range
/// excludes the quotes; escapes are decoded only when the text is asked for.
/// </summary>
internal readonly record struct SqlToken(
    SqlTokenKind Kind,
    int Start,
    int Length,
    int ContentStart = 0,
    int ContentLength = 0,
    bool BackslashEscapes = false)
{
    public int End => Start + Length;
}
