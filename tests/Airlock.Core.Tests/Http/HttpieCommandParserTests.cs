using System.Text.Json;

namespace Airlock.Tests.Http;

public sealed class HttpieCommandParserTests
{
    [Theory]
    [InlineData("http example.com/x", "GET")]
    [InlineData("http DELETE example.com/x", "DELETE")]
    [InlineData("http delete example.com/x", "DELETE")]
    [InlineData("http POST example.com/x a=b", "POST")]
    [InlineData("http example.com/x a=b", "POST")]
    [InlineData("http example.com/x count:=3", "POST")]
    [InlineData("http example.com/x Accept:json", "GET")]
    [InlineData("http example.com/x q==search", "GET")]
    [InlineData("http example.com/x @body.json", "POST")]
    [InlineData("http --form example.com/x a=b", "POST")]
    [InlineData("http -f example.com/x file@a.txt", "POST")]
    [InlineData("http PUT example.com/x --raw 'text'", "PUT")]
    [InlineData("http example.com/x --raw 'text'", "POST")]
    [InlineData("xh DELETE example.com/x", "DELETE")]
    [InlineData("xh example.com/x a=b", "POST")]
    [InlineData("https example.com/x", "GET")]
    public void Parse_Method_IsWhatHttpieSends(string command, string method)
    {
        Assert.Equal(method, ShellWords.ParseSingle(command).Method);
    }

    [Theory]
    [InlineData("http example.com/x", "http://example.com/x")]
    [InlineData("https example.com/x", "https://example.com/x")]
    [InlineData("xhs example.com/x", "https://example.com/x")]
    [InlineData("http :3000/api", "http://localhost:3000/api")]
    [InlineData("http :/api", "http://localhost/api")]
    [InlineData("http https://example.com/x", "https://example.com/x")]
    [InlineData("http -a user:pass -o out.json GET example.com/x", "http://example.com/x")]
    [InlineData("http --session=dev --timeout 5 example.com/x", "http://example.com/x")]
    [InlineData("http -v --follow example.com/x", "http://example.com/x")]
    public void Parse_Url_FollowsHttpieShorthands(string command, string url)
    {
        Assert.Equal(url, ShellWords.ParseSingle(command).Url);
    }

    [Fact]
    public void Parse_DataItems_BecomeAJsonBody()
    {
        var call = ShellWords.ParseSingle("http POST api.test/graphql query='mutation { deleteUser(id: 1) { id } }' n:=3 X-Trace:abc");

        using var body = JsonDocument.Parse(Assert.Single(call.InlineBodies));
        Assert.Equal("mutation { deleteUser(id: 1) { id } }", body.RootElement.GetProperty("query").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("n").GetInt32());
        Assert.Contains(new KeyValuePair<string, string>("X-Trace", "abc"), call.Headers);
    }

    [Fact]
    public void Parse_Form_BuildsAnEncodedBody()
    {
        var call = ShellWords.ParseSingle("http --form POST api.test/x 'a=b c'");

        Assert.Equal(["a=b%20c"], call.InlineBodies);
    }

    [Fact]
    public void Parse_QueryItems_AreAddedToTheUrl()
    {
        Assert.Equal("http://api.test/x?q=a%20b", ShellWords.ParseSingle("http api.test/x 'q==a b'").Url);
    }

    [Theory]
    [InlineData("http api.test/x @data.json", "data.json")]
    [InlineData("http api.test/x field=@data.txt", "data.txt")]
    [InlineData("http api.test/x field:=@data.json", "data.json")]
    [InlineData("http -f api.test/x upload@data.bin", "data.bin")]
    public void Parse_FileItems_AreBodyFiles(string command, string file)
    {
        Assert.Equal([file], ShellWords.ParseSingle(command).BodyFiles);
    }

    [Fact]
    public void Parse_AtDash_ReadsStdin()
    {
        Assert.True(ShellWords.ParseSingle("http POST api.test/x @-").ReadsBodyFromStdin);
    }

    [Fact]
    public void Parse_EscapedSeparator_StaysInTheKey()
    {
        var call = ShellWords.ParseSingle(@"http api.test/x 'a\=b=c'");

        using var body = JsonDocument.Parse(Assert.Single(call.InlineBodies));
        Assert.Equal("c", body.RootElement.GetProperty("a=b").GetString());
    }
}
