namespace Airlock.Http;

internal enum GraphQlTokenKind
{
    End,
    /// <summary>One of <c>! $ &amp; ( ) : = @ [ ] { | }</c>.</summary>
    Punctuator,
    Spread,
    Name,
    Number,
    String,
}
