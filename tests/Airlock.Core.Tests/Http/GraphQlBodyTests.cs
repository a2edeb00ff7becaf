using Airlock.Http;

namespace Airlock.Tests.Http;

public sealed class GraphQlBodyTests
{
    [Fact]
    public void FromBody_JsonRequest_ReturnsTheQuery()
    {
        var content = GraphQlBody.FromBody("""{"query":"mutation { volumeDelete(volumeId: \"abc\") }","variables":{},"operationName":null}""", expectGraphQl: true);

        Assert.Equal(["mutation { volumeDelete(volumeId: \"abc\") }"], content.Documents);
        Assert.False(content.Opaque);
    }

    [Fact]
    public void FromBody_Batch_ReturnsEveryQuery()
    {
        var content = GraphQlBody.FromBody("""[{"query":"{ a }"},{"query":"mutation { b }"}]""", expectGraphQl: false);

        Assert.Equal(["{ a }", "mutation { b }"], content.Documents);
    }

    [Fact]
    public void FromBody_RawGraphQlBody_IsTheDocument()
    {
        var content = GraphQlBody.FromBody("{ viewer { login } }", expectGraphQl: true);

        Assert.Equal(["{ viewer { login } }"], content.Documents);
    }

    [Fact]
    public void FromBody_FormEncodedQuery_IsDecoded()
    {
        var content = GraphQlBody.FromBody("query=mutation+%7B+userDelete(id%3A+1)+%7D", expectGraphQl: false);

        Assert.Equal(["mutation { userDelete(id: 1) }"], content.Documents);
    }

    [Theory]
    [InlineData("""{"query":"shoes"}""")]
    [InlineData("""{"query":{"match":{"title":"x"}}}""")]
    [InlineData("""{"name":"x"}""")]
    [InlineData("a=b&c=d")]
    [InlineData("not json at all")]
    public void FromBody_NotGraphQlElsewhere_IsNone(string body)
    {
        Assert.False(GraphQlBody.FromBody(body, expectGraphQl: false).IsGraphQl);
    }

    [Theory]
    [InlineData("""{"operationName":"DeleteVolume","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}""", false)]
    [InlineData("""{"operationName":"DeleteVolume","variables":{"id":1}}""", true)]
    [InlineData("""{"query":42}""", true)]
    public void FromBody_DocumentNotVisible_IsOpaque(string body, bool expectGraphQl)
    {
        var content = GraphQlBody.FromBody(body, expectGraphQl);

        Assert.True(content.Opaque);
        Assert.Empty(content.Documents);
    }

    [Fact]
    public void FromQueryString_Query_IsUrlDecoded()
    {
        var content = GraphQlBody.FromQueryString("query=%7B%20me%20%7B%20id%20%7D%20%7D&variables=%7B%7D", expectGraphQl: true);

        Assert.Equal(["{ me { id } }"], content.Documents);
    }

    [Fact]
    public void FromQueryString_SearchQuery_IsNotGraphQl()
    {
        Assert.False(GraphQlBody.FromQueryString("query=shoes&page=2", expectGraphQl: false).IsGraphQl);
    }
}
