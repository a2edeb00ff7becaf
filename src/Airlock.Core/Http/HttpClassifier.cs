using Airlock.Analysis;
using Airlock.Model;

namespace Airlock.Http;

/// <summary>Says what an HTTP request does: reads, writes, deletes, or the GraphQL operations it carries.</summary>
internal static class HttpClassifier
{
    public static IReadOnlyList<Operation> Classify(HttpCall call) => Classify(call, configured: null);

    /// <summary>The request's operations; <paramref name="configured"/> is the environment a trusted configuration names for the target, if any.</summary>
    public static IReadOnlyList<Operation> Classify(HttpCall call, EnvironmentClaim? configured)
    {
        var target = HttpTarget.For(call, configured);
        if (call.Url.Length == 0)
        {
            return [target.Create("http.unknown", Verb.ExecuteUnknown, Reversibility.Irreversible, BlastRadius.Remote, detail: "(URL not visible)")];
        }

        var operations = new List<Operation>();
        if (ClassifyGraphQl(call, target, operations) && operations.Count > 0 && call.Method is "GET" or "POST")
        {
            // The GraphQL operations say what the POST does; a plain http.write would only add noise.
            return operations;
        }

        operations.Add(ByMethod(target));
        return operations;
    }

    private static Operation ByMethod(HttpTarget target) => target.Call.Method switch
    {
        "GET" or "HEAD" or "OPTIONS" or "TRACE" => target.Create("http.read", Verb.Read, Reversibility.Reversible, BlastRadius.None),
        "DELETE" => target.Create("http.delete", Verb.Delete, Reversibility.Irreversible, target.ChangeRadius),
        _ when DestructivePath(target.Call.Url) is { } segment =>
            target.Create("http.delete", Verb.Delete, Reversibility.Irreversible, target.ChangeRadius, detail: $"(the path names '{segment}')"),
        _ => target.Create("http.write", Verb.Write, Reversibility.Reversible, target.ChangeRadius),
    };

    /// <summary>APIs that delete through POST name it in the path: <c>/_delete_by_query</c>, <c>/projects/42/delete</c>, <c>/v1/purge</c>.</summary>
    private static string? DestructivePath(string url)
    {
        var path = UrlParts.Parse(url).Path;
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(DestructiveFieldNames.IsDestructive);
    }

    /// <summary>Adds the request's GraphQL operations; false when the request is not GraphQL.</summary>
    private static bool ClassifyGraphQl(HttpCall call, HttpTarget target, List<Operation> operations)
    {
        var url = UrlParts.Parse(call.Url);
        var expectGraphQl = url.Path.Contains("graphql", StringComparison.OrdinalIgnoreCase)
            || call.Headers.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)
                && h.Value.Contains("graphql", StringComparison.OrdinalIgnoreCase));

        var contents = call.InlineBodies.Select(b => GraphQlBody.FromBody(b, expectGraphQl)).ToList();
        if (url.Query.Length > 0)
        {
            contents.Add(GraphQlBody.FromQueryString(url.Query, expectGraphQl));
        }

        // A GraphQL endpoint fed from a file or stdin runs a document Airlock cannot read.
        var hidden = expectGraphQl && (call.BodyFiles.Count > 0 || call.ReadsBodyFromStdin || call.UnreadBody is not null);
        if (!hidden && !contents.Exists(c => c.IsGraphQl))
        {
            return false;
        }

        foreach (var document in contents.SelectMany(c => c.Documents))
        {
            GraphQlClassifier.Classify(target, document, operations);
        }

        if (hidden || contents.Exists(c => c.Opaque))
        {
            operations.Add(GraphQlClassifier.Unknown(target, "GraphQL document not visible"));
        }

        return true;
    }
}
