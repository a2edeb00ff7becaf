using System.Text.Json;

namespace Airlock.Http;

/// <summary>
/// Finds GraphQL documents in an HTTP request: a JSON body <c>{"query": …}</c> or a batch of them,
/// an <c>application/graphql</c> body, a form or query string <c>query=…</c>.
/// </summary>
/// <remarks>
/// With <c>expectGraphQl</c> false (the URL and content type do not say GraphQL) a candidate only
/// counts when it parses as GraphQL, so <c>{"query": "shoes"}</c> to a search API stays plain HTTP.
/// With it true, whatever the server would execute is returned, parseable or not.
/// </remarks>
internal static class GraphQlBody
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public static GraphQlBodyContent FromBody(string body, bool expectGraphQl)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' && TryFromJson(body, expectGraphQl, out var fromJson))
        {
            return fromJson;
        }

        if (FormValue(body, "query") is { } fromForm)
        {
            return Candidates([fromForm], opaque: false, expectGraphQl);
        }

        // An application/graphql body is the document itself; "{ viewer { id } }" is not JSON.
        return expectGraphQl && !trimmed.IsEmpty ? new GraphQlBodyContent([body], false) : GraphQlBodyContent.None;
    }

    public static GraphQlBodyContent FromQueryString(string query, bool expectGraphQl)
    {
        if (FormValue(query, "query") is { } document)
        {
            return Candidates([document], opaque: false, expectGraphQl);
        }

        // GET with only ?extensions=…persistedQuery… runs a stored document by hash.
        var persisted = expectGraphQl && FormValue(query, "extensions") is { } extensions
            && extensions.Contains("persistedQuery", StringComparison.Ordinal);
        return persisted ? new GraphQlBodyContent([], true) : GraphQlBodyContent.None;
    }

    private static bool TryFromJson(string body, bool expectGraphQl, out GraphQlBodyContent content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException)
        {
            content = GraphQlBodyContent.None;
            return false;
        }

        using (json)
        {
            var documents = new List<string>();
            var opaque = false;
            if (json.RootElement.ValueKind == JsonValueKind.Array)
            {
                // Batched requests: every element is a request of its own.
                foreach (var element in json.RootElement.EnumerateArray())
                {
                    opaque |= !ReadRequest(element, documents, expectGraphQl);
                }
            }
            else
            {
                opaque = !ReadRequest(json.RootElement, documents, expectGraphQl);
            }

            content = Candidates(documents, opaque, expectGraphQl);
            return true;
        }
    }

    /// <summary>Adds the request's query text; false when the request is GraphQL whose document cannot be seen.</summary>
    private static bool ReadRequest(JsonElement request, List<string> documents, bool expectGraphQl)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return !expectGraphQl;
        }

        if (request.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String)
        {
            documents.Add(query.GetString() ?? "");
            return true;
        }

        var persisted = request.TryGetProperty("extensions", out var extensions)
            && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("persistedQuery", out _);
        return !(persisted || expectGraphQl);
    }

    private static GraphQlBodyContent Candidates(List<string> documents, bool opaque, bool expectGraphQl)
    {
        if (!expectGraphQl)
        {
            documents.RemoveAll(d => !GraphQlDocument.Parse(d).Parsed);
        }

        return documents.Count == 0 && !opaque ? GraphQlBodyContent.None : new GraphQlBodyContent(documents, opaque);
    }

    /// <summary>The URL-decoded value of <paramref name="name"/> in <c>a=1&amp;b=2</c> text, if present.</summary>
    private static string? FormValue(string text, string name)
    {
        foreach (var pair in text.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(Decode(pair[..equals]), name, StringComparison.Ordinal))
            {
                return Decode(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
