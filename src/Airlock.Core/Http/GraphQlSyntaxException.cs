namespace Airlock.Http;

/// <summary>Raised inside the GraphQL lexer and parser; never escapes <see cref="GraphQlDocument.Parse"/>.</summary>
internal sealed class GraphQlSyntaxException(string message, int position)
    : Exception($"{message} at offset {position}");
