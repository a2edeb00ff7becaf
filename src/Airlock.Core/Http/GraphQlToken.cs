namespace Airlock.Http;

/// <summary>A token of a GraphQL document, as a span of the source text.</summary>
internal readonly record struct GraphQlToken(GraphQlTokenKind Kind, int Start, int Length)
{
    public bool IsPunctuator(string source, char c) => Kind == GraphQlTokenKind.Punctuator && source[Start] == c;

    public bool IsName(string source, string name) =>
        Kind == GraphQlTokenKind.Name && Length == name.Length && string.CompareOrdinal(source, Start, name, 0, Length) == 0;

    public string Text(string source) => source.Substring(Start, Length);
}
