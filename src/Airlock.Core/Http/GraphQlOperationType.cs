namespace Airlock.Http;

/// <summary>The kind of a GraphQL operation.</summary>
internal enum GraphQlOperationType
{
    Query,
    Mutation,
    Subscription,
}
