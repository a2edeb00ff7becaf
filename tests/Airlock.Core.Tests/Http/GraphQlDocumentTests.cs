using System.Diagnostics;
using Airlock.Http;

namespace Airlock.Tests.Http;

public sealed class GraphQlDocumentTests
{
    [Theory]
    [InlineData("{ me { id } }", "Query", "me")]
    [InlineData("query { me { id } }", "Query", "me")]
    [InlineData("query Me($id: ID!) { user(id: $id) { name } }", "Query", "user")]
    [InlineData("mutation { volumeDelete(volumeId: \"abc\") }", "Mutation", "volumeDelete")]
    [InlineData("mutation Kill { x: volumeDelete(volumeId: \"abc\") }", "Mutation", "volumeDelete")]
    [InlineData("subscription { events { id } }", "Subscription", "events")]
    [InlineData("mutation($in: [In!]! = [{a: 1}]) @live { create(input: $in) @skip(if: false) { id } }", "Mutation", "create")]
    public void Parse_SingleOperation_FindsTypeAndRootField(string document, string type, string field)
    {
        var result = GraphQlDocument.Parse(document);

        Assert.True(result.Parsed, result.Error);
        var operation = Assert.Single(result.Operations);
        Assert.Equal(Enum.Parse<GraphQlOperationType>(type), operation.Type);
        Assert.Equal([field], operation.RootFields);
    }

    [Fact]
    public void Parse_AliasedMutation_ResolvesTheRealFieldName()
    {
        var result = GraphQlDocument.Parse("mutation { keep: projectUpdate(id: 1) { id } gone: projectDelete(id: 2) }");

        Assert.Equal(["projectUpdate", "projectDelete"], Assert.Single(result.Operations).RootFields);
    }

    [Fact]
    public void Parse_FieldNameInsideStringArgument_IsNotAField()
    {
        var result = GraphQlDocument.Parse("query { search(text: \"mutation { deleteThing }\") { id } }");

        var operation = Assert.Single(result.Operations);
        Assert.Equal(GraphQlOperationType.Query, operation.Type);
        Assert.Equal(["search"], operation.RootFields);
    }

    [Fact]
    public void Parse_KeywordInsideComment_IsIgnored()
    {
        var result = GraphQlDocument.Parse("# query { harmless }\nmutation { userDelete(id: 1) } # mutation");

        var operation = Assert.Single(result.Operations);
        Assert.Equal(GraphQlOperationType.Mutation, operation.Type);
        Assert.Equal(["userDelete"], operation.RootFields);
    }

    [Fact]
    public void Parse_MutationKeywordInComment_DoesNotMakeAQueryAMutation()
    {
        var result = GraphQlDocument.Parse("# mutation { dropAll }\n{ viewer { login } }");

        Assert.Equal(GraphQlOperationType.Query, Assert.Single(result.Operations).Type);
    }

    [Fact]
    public void Parse_BlockString_IsSkippedWhole()
    {
        var document = "mutation { note(text: \"\"\"\n  a \\\"\"\" } deleteAll { \n \"\"\") { id } }";

        Assert.Equal(["note"], Assert.Single(GraphQlDocument.Parse(document).Operations).RootFields);
    }

    [Fact]
    public void Parse_FragmentSpreadAtRoot_IsResolved()
    {
        var document = """
            mutation Cleanup { ...Destroy ... on Mutation { audit } }
            fragment Destroy on Mutation { a: volumeDelete(id: 1) ...More }
            fragment More on Mutation { serviceDelete(id: 2) }
            """;

        Assert.Equal(["audit", "volumeDelete", "serviceDelete"], Assert.Single(GraphQlDocument.Parse(document).Operations).RootFields);
    }

    [Fact]
    public void Parse_SeveralOperations_AreAllReported()
    {
        var result = GraphQlDocument.Parse("query A { a } mutation B { b } mutation C { c d }");

        Assert.Equal(["A", "B", "C"], result.Operations.Select(o => o.Name));
        Assert.Equal([GraphQlOperationType.Query, GraphQlOperationType.Mutation, GraphQlOperationType.Mutation], result.Operations.Select(o => o.Type));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("shoes")]
    [InlineData("select * from users")]
    [InlineData("mutation { a(")]
    [InlineData("mutation { }")]
    [InlineData("{ a(b: \"unterminated) }")]
    [InlineData("mutation { ...Missing }")]
    [InlineData("mutation { ...A } fragment A on M { ...A }")]
    [InlineData("fragment A on M { a }")]
    [InlineData("type Query { a: Int }")]
    [InlineData("{ a } }")]
    [InlineData("{ a(x: 1.) }")]
    public void Parse_Invalid_IsNotParsed(string document)
    {
        var result = GraphQlDocument.Parse(document);

        Assert.False(result.Parsed);
        Assert.Empty(result.Operations);
    }

    [Theory]
    [InlineData(10_000, "{")]
    [InlineData(100_000, "{a")]
    [InlineData(100_000, "{a(b:[")]
    [InlineData(100_000, "query($a:[")]
    public void Parse_DeepNesting_FailsFast(int count, string unit)
    {
        var document = string.Concat(Enumerable.Repeat(unit, count));
        var stopwatch = Stopwatch.StartNew();

        var result = GraphQlDocument.Parse(document);

        Assert.False(result.Parsed);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Parse_NestingWithinTheCap_IsParsed()
    {
        var depth = GraphQlDocument.MaxDepth - 1;
        var document = string.Concat(Enumerable.Repeat("{a", depth)) + new string('}', depth);

        Assert.True(GraphQlDocument.Parse(document).Parsed);
    }

    [Fact]
    public void Parse_LongFlatDocument_IsParsed()
    {
        var document = "{ " + string.Join(' ', Enumerable.Range(0, 50_000).Select(i => $"f: a{i % 100}(x: \"{i}\")")) + " }";

        var result = GraphQlDocument.Parse(document);

        Assert.True(result.Parsed, result.Error);
        Assert.Equal(100, Assert.Single(result.Operations).RootFields.Count);
    }
}
