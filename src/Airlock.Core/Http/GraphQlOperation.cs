namespace Airlock.Http;

/// <summary>One operation of a GraphQL document and the fields it selects on the root type.</summary>
/// <param name="RootFields">Real field names (aliases resolved, fragments expanded), each once, in document order.</param>
internal sealed record GraphQlOperation(GraphQlOperationType Type, string? Name, IReadOnlyList<string> RootFields);
