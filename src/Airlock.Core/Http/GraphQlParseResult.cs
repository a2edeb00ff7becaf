namespace Airlock.Http;

/// <summary>
/// The operations of a GraphQL document. When <see cref="Parsed"/> is false the document could
/// not be understood and callers must treat it as unknown, never as harmless.
/// </summary>
internal sealed record GraphQlParseResult(bool Parsed, IReadOnlyList<GraphQlOperation> Operations, string? Error = null)
{
    public static GraphQlParseResult Failed(string error) => new(false, [], error);
}
