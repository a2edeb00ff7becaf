using Airlock.Model;

namespace Airlock.Http;

/// <summary>Turns the GraphQL documents of a request into operations, one per mutation root field.</summary>
internal static class GraphQlClassifier
{
    private const int MaxFieldsInEvidence = 5;

    public static void Classify(HttpTarget target, string document, List<Operation> operations)
    {
        var result = GraphQlDocument.Parse(document);
        if (!result.Parsed)
        {
            operations.Add(Unknown(target, $"unparseable GraphQL ({result.Error})"));
            return;
        }

        foreach (var operation in result.Operations)
        {
            if (operation.Type == GraphQlOperationType.Mutation)
            {
                AddMutation(target, operation, operations);
                continue;
            }

            var (kind, keyword) = operation.Type == GraphQlOperationType.Query
                ? ("graphql.query", "query")
                : ("graphql.subscription", "subscription");
            operations.Add(target.Create(kind, Verb.Read, Reversibility.Reversible, BlastRadius.None,
                detail: $"{keyword} {Describe(operation.RootFields)}"));
        }
    }

    public static Operation Unknown(HttpTarget target, string detail) =>
        target.Create("graphql.unknown", Verb.ExecuteUnknown, Reversibility.Irreversible, target.ChangeRadius, detail: detail);

    private static string Describe(IReadOnlyList<string> fields) =>
        fields.Count <= MaxFieldsInEvidence
            ? string.Join(", ", fields)
            : string.Join(", ", fields.Take(MaxFieldsInEvidence)) + $", … ({fields.Count} fields)";

    private static void AddMutation(HttpTarget target, GraphQlOperation operation, List<Operation> operations)
    {
        foreach (var field in operation.RootFields)
        {
            if (field == "__typename")
            {
                continue;
            }

            var fieldTarget = $"{field} {target.RedactedUrl}";
            var detail = $"mutation {field}";
            operations.Add(DestructiveFieldNames.IsDestructive(field)
                ? target.Create("graphql.mutation.delete", Verb.Delete, Reversibility.Irreversible, target.ChangeRadius, fieldTarget, detail)
                : target.Create("graphql.mutation", Verb.Write, Reversibility.Reversible, target.ChangeRadius, fieldTarget, detail));
        }
    }
}
