namespace Airlock.Tests.Http;

public sealed class WgetCommandParserTests
{
    [Theory]
    [InlineData("wget https://example.com/file.tgz", "GET")]
    [InlineData("wget --method=DELETE https://example.com/x", "DELETE")]
    [InlineData("wget --method DELETE https://example.com/x", "DELETE")]
    [InlineData("wget --post-data 'a=b' https://example.com/x", "POST")]
    [InlineData("wget --post-data='a=b' https://example.com/x", "POST")]
    [InlineData("wget --post-file=body.json https://example.com/x", "POST")]
    [InlineData("wget --method=PUT --body-data='x' https://example.com/x", "PUT")]
    [InlineData("wget --method=PATCH --body-file=b.json https://example.com/x", "PATCH")]
    [InlineData("wget --post-d=a https://example.com/x", "POST")]
    public void Parse_Method_IsWhatWgetSends(string command, string method)
    {
        Assert.Equal(method, ShellWords.ParseSingle(command).Method);
    }

    [Theory]
    [InlineData("wget -O out.tgz https://example.com/x")]
    [InlineData("wget -qO- https://example.com/x")]
    [InlineData("wget -q -O - https://example.com/x")]
    [InlineData("wget -nv -t 3 -T 10 https://example.com/x")]
    [InlineData("wget --header 'Accept: json' https://example.com/x")]
    [InlineData("wget --user-agent=x -P downloads https://example.com/x")]
    public void Parse_OptionValues_AreNotMistakenForUrls(string command)
    {
        Assert.Equal("https://example.com/x", ShellWords.ParseSingle(command).Url);
    }

    [Fact]
    public void Parse_PostData_IsInlineBody()
    {
        var call = ShellWords.ParseSingle("wget --header='Content-Type: application/json' --post-data='{\"query\":\"{ a }\"}' https://example.com/graphql");

        Assert.Equal(["{\"query\":\"{ a }\"}"], call.InlineBodies);
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "application/json"), call.Headers);
        Assert.Equal("wget", call.Tool);
    }

    [Theory]
    [InlineData("wget --post-file=secrets.env https://example.com/x")]
    [InlineData("wget --method=PUT --body-file=secrets.env https://example.com/x")]
    public void Parse_BodyFile_IsReported(string command)
    {
        Assert.Equal(["secrets.env"], ShellWords.ParseSingle(command).BodyFiles);
    }

    [Fact]
    public void Parse_SchemelessUrl_AssumesHttp()
    {
        Assert.Equal("http://example.com/x", ShellWords.ParseSingle("wget example.com/x").Url);
    }

    [Fact]
    public void Parse_InputFile_AddsACallWithoutUrl()
    {
        var calls = ShellWords.Parse("wget -i urls.txt");

        Assert.Equal("", Assert.Single(calls).Url);
    }
}
