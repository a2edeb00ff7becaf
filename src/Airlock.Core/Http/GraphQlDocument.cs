namespace Airlock.Http;

/// <summary>
/// A recursive-descent parser for GraphQL executable documents that keeps only what Airlock
/// needs: each operation's type and root field names. Nesting is capped so hostile input fails
/// fast instead of overflowing the stack, and every token is read once, so time is linear.
/// </summary>
internal sealed class GraphQlDocument
{
    /// <summary>Deepest nesting of selection sets, lists and input objects accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most distinct root fields one operation may select; beyond it the document is unknown.</summary>
    public const int MaxRootFields = 1000;

    private readonly string _source;
    private readonly GraphQlLexer _lexer;
    private readonly Dictionary<string, GraphQlRootSelection> _fragments = new(StringComparer.Ordinal);
    private GraphQlToken _token;

    private GraphQlDocument(string source)
    {
        _source = source;
        _lexer = new GraphQlLexer(source);
        _token = _lexer.Next();
    }

    public static GraphQlParseResult Parse(string document)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            return GraphQlParseResult.Failed("empty document");
        }

        try
        {
            return new GraphQlDocument(document).ParseDocument();
        }
        catch (GraphQlSyntaxException e)
        {
            return GraphQlParseResult.Failed(e.Message);
        }
    }

    private GraphQlParseResult ParseDocument()
    {
        var operations = new List<(GraphQlOperationType Type, string? Name, GraphQlRootSelection Root)>();
        while (_token.Kind != GraphQlTokenKind.End)
        {
            if (IsPunctuator('{'))
            {
                operations.Add((GraphQlOperationType.Query, null, ParseRootSelectionSet()));
            }
            else if (_token.IsName(_source, "fragment"))
            {
                ParseFragmentDefinition();
            }
            else if (OperationTypeOf(_token) is { } type)
            {
                Advance();
                string? name = null;
                if (_token.Kind == GraphQlTokenKind.Name)
                {
                    name = TakeName();
                }

                if (IsPunctuator('('))
                {
                    ParseVariableDefinitions();
                }

                ParseDirectives(1);
                operations.Add((type, name, ParseRootSelectionSet()));
            }
            else
            {
                // Type-system definitions and anything else cannot be executed.
                throw Error("expected an operation or fragment");
            }
        }

        if (operations.Count == 0)
        {
            throw Error("no operation");
        }

        var memo = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var result = new List<GraphQlOperation>(operations.Count);
        foreach (var (type, name, root) in operations)
        {
            result.Add(new GraphQlOperation(type, name, Resolve(root, memo, [])));
        }

        return new GraphQlParseResult(true, result);
    }

    private GraphQlOperationType? OperationTypeOf(GraphQlToken token) =>
        token.IsName(_source, "query") ? GraphQlOperationType.Query
        : token.IsName(_source, "mutation") ? GraphQlOperationType.Mutation
        : token.IsName(_source, "subscription") ? GraphQlOperationType.Subscription
        : null;

    private void ParseFragmentDefinition()
    {
        Advance();
        if (_token.IsName(_source, "on"))
        {
            throw Error("fragment named 'on'");
        }

        var name = TakeName();
        if (!_token.IsName(_source, "on"))
        {
            throw Error("expected 'on'");
        }

        Advance();
        TakeName();
        ParseDirectives(1);
        if (!_fragments.TryAdd(name, ParseRootSelectionSet()))
        {
            throw Error($"fragment {name} defined twice");
        }
    }

    private GraphQlRootSelection ParseRootSelectionSet()
    {
        var root = new GraphQlRootSelection();
        ParseSelectionSet(1, root);
        return root;
    }

    /// <summary>Parses <c>{ … }</c>; with <paramref name="root"/> set, records its fields and spreads.</summary>
    private void ParseSelectionSet(int depth, GraphQlRootSelection? root)
    {
        CheckDepth(depth);
        Expect('{');
        do
        {
            ParseSelection(depth, root);
        }
        while (!IsPunctuator('}'));

        Advance();
    }

    private void ParseSelection(int depth, GraphQlRootSelection? root)
    {
        if (_token.Kind == GraphQlTokenKind.Spread)
        {
            Advance();
            if (_token.Kind == GraphQlTokenKind.Name && !_token.IsName(_source, "on"))
            {
                var fragment = TakeName();
                ParseDirectives(depth);
                root?.Spreads.Add(fragment);
                return;
            }

            if (_token.IsName(_source, "on"))
            {
                Advance();
                TakeName();
            }

            ParseDirectives(depth);

            // An inline fragment's fields belong to the selection set it sits in.
            ParseSelectionSet(depth + 1, root);
            return;
        }

        var name = TakeName();
        if (IsPunctuator(':'))
        {
            Advance();
            name = TakeName();
        }

        if (IsPunctuator('('))
        {
            ParseArguments(depth);
        }

        ParseDirectives(depth);
        root?.Fields.Add(name);
        if (IsPunctuator('{'))
        {
            ParseSelectionSet(depth + 1, null);
        }
    }

    private void ParseArguments(int depth)
    {
        Expect('(');
        do
        {
            TakeName();
            Expect(':');
            ParseValue(depth + 1);
        }
        while (!IsPunctuator(')'));

        Advance();
    }

    private void ParseDirectives(int depth)
    {
        while (IsPunctuator('@'))
        {
            Advance();
            TakeName();
            if (IsPunctuator('('))
            {
                ParseArguments(depth);
            }
        }
    }

    private void ParseVariableDefinitions()
    {
        Expect('(');
        do
        {
            Expect('$');
            TakeName();
            Expect(':');
            ParseType(1);
            if (IsPunctuator('='))
            {
                Advance();
                ParseValue(1);
            }

            ParseDirectives(1);
        }
        while (!IsPunctuator(')'));

        Advance();
    }

    private void ParseType(int depth)
    {
        CheckDepth(depth);
        if (IsPunctuator('['))
        {
            Advance();
            ParseType(depth + 1);
            Expect(']');
        }
        else
        {
            TakeName();
        }

        if (IsPunctuator('!'))
        {
            Advance();
        }
    }

    private void ParseValue(int depth)
    {
        CheckDepth(depth);
        switch (_token.Kind)
        {
            case GraphQlTokenKind.Name or GraphQlTokenKind.Number or GraphQlTokenKind.String:
                Advance();
                return;
            case GraphQlTokenKind.Punctuator when IsPunctuator('$'):
                Advance();
                TakeName();
                return;
            case GraphQlTokenKind.Punctuator when IsPunctuator('['):
                Advance();
                while (!IsPunctuator(']'))
                {
                    ParseValue(depth + 1);
                }

                Advance();
                return;
            case GraphQlTokenKind.Punctuator when IsPunctuator('{'):
                Advance();
                while (!IsPunctuator('}'))
                {
                    TakeName();
                    Expect(':');
                    ParseValue(depth + 1);
                }

                Advance();
                return;
            default:
                throw Error("expected a value");
        }
    }

    /// <summary>The operation's root fields with spread fragments expanded, each name once.</summary>
    private List<string> Resolve(GraphQlRootSelection selection, Dictionary<string, List<string>> memo, HashSet<string> visiting)
    {
        var fields = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in selection.Fields)
        {
            Add(field);
        }

        foreach (var spread in selection.Spreads)
        {
            if (!memo.TryGetValue(spread, out var spreadFields))
            {
                if (!_fragments.TryGetValue(spread, out var fragment))
                {
                    throw Error($"unknown fragment {spread}");
                }

                if (visiting.Count >= MaxDepth || !visiting.Add(spread))
                {
                    throw Error($"fragment {spread} spreads itself or nests too deep");
                }

                spreadFields = Resolve(fragment, memo, visiting);
                visiting.Remove(spread);
                memo[spread] = spreadFields;
            }

            spreadFields.ForEach(Add);
        }

        return fields;

        void Add(string field)
        {
            if (seen.Add(field))
            {
                if (fields.Count >= MaxRootFields)
                {
                    throw Error("too many root fields");
                }

                fields.Add(field);
            }
        }
    }

    private bool IsPunctuator(char c) => _token.IsPunctuator(_source, c);

    private void Advance() => _token = _lexer.Next();

    private void Expect(char c)
    {
        if (!IsPunctuator(c))
        {
            throw Error($"expected '{c}'");
        }

        Advance();
    }

    private string TakeName()
    {
        if (_token.Kind != GraphQlTokenKind.Name)
        {
            throw Error("expected a name");
        }

        var name = _token.Text(_source);
        Advance();
        return name;
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nested too deeply");
        }
    }

    private GraphQlSyntaxException Error(string message) => new(message, _token.Start);
}
