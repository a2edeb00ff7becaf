namespace Airlock.Http;

/// <summary>The GraphQL documents found in a request body or query string.</summary>
/// <param name="Documents">Document texts, as the server would receive them.</param>
/// <param name="Opaque">True when the request is GraphQL but its document cannot be seen (persisted queries, a body that names no query).</param>
internal sealed record GraphQlBodyContent(IReadOnlyList<string> Documents, bool Opaque)
{
    public static GraphQlBodyContent None { get; } = new([], false);

    public bool IsGraphQl => Documents.Count > 0 || Opaque;
}
