namespace Airlock.Sql;

/// <summary>A JavaScript token as offsets into the script.</summary>
internal readonly record struct JsToken(JsTokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}
