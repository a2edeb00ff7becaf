namespace Airlock.Tests.Http;

public sealed class CurlCommandParserTests
{
    [Theory]
    [InlineData("curl https://api.example.com/x", "GET")]
    [InlineData("curl -X DELETE https://api.example.com/x", "DELETE")]
    [InlineData("curl -XDELETE https://api.example.com/x", "DELETE")]
    [InlineData("curl -X delete https://api.example.com/x", "DELETE")]
    [InlineData("curl --request PATCH https://api.example.com/x", "PATCH")]
    [InlineData("curl --request=PUT https://api.example.com/x", "PUT")]
    [InlineData("curl -sX POST https://api.example.com/x", "POST")]
    [InlineData("curl -sXPOST https://api.example.com/x", "POST")]
    [InlineData("curl -fsSLX DELETE https://api.example.com/x", "DELETE")]
    [InlineData("curl -sSL https://api.example.com/x", "GET")]
    [InlineData("curl -d a=b https://api.example.com/x", "POST")]
    [InlineData("curl --data a=b https://api.example.com/x", "POST")]
    [InlineData("curl --data-raw @notafile https://api.example.com/x", "POST")]
    [InlineData("curl --data-binary @payload.bin https://api.example.com/x", "POST")]
    [InlineData("curl --data-urlencode q=hello https://api.example.com/x", "POST")]
    [InlineData("curl --json '{\"a\":1}' https://api.example.com/x", "POST")]
    [InlineData("curl -F file=@a.txt https://api.example.com/x", "POST")]
    [InlineData("curl --form-string a=b https://api.example.com/x", "POST")]
    [InlineData("curl -T a.txt https://api.example.com/x", "PUT")]
    [InlineData("curl --upload-file a.txt https://api.example.com/x", "PUT")]
    [InlineData("curl -I https://api.example.com/x", "HEAD")]
    [InlineData("curl --head https://api.example.com/x", "HEAD")]
    [InlineData("curl -G -d a=b https://api.example.com/x", "GET")]
    [InlineData("curl -d a=b --get https://api.example.com/x", "GET")]
    [InlineData("curl -X DELETE -d a=b https://api.example.com/x", "DELETE")]
    [InlineData("curl -d a=b -X GET https://api.example.com/x", "GET")]
    public void Parse_Method_IsWhatCurlSends(string command, string method)
    {
        Assert.Equal(method, ShellWords.ParseSingle(command).Method);
    }

    [Theory]
    [InlineData("curl -o out.html https://example.com/page")]
    [InlineData("curl -A 'Mozilla/5.0' https://example.com/page")]
    [InlineData("curl -e https://referrer.test https://example.com/page")]
    [InlineData("curl -b session=1 -c jar.txt https://example.com/page")]
    [InlineData("curl -m 30 --connect-timeout 5 https://example.com/page")]
    [InlineData("curl -w '%{http_code}' https://example.com/page")]
    [InlineData("curl --retry 3 --retry-delay 2 https://example.com/page")]
    [InlineData("curl -x http://proxy:3128 https://example.com/page")]
    [InlineData("curl --cacert ca.pem --cert client.pem --key key.pem https://example.com/page")]
    [InlineData("curl -K curlrc https://example.com/page")]
    [InlineData("curl -sSo /dev/null https://example.com/page")]
    [InlineData("curl -u user:secret https://example.com/page")]
    [InlineData("curl --user-agent=x https://example.com/page")]
    [InlineData("curl --url https://example.com/page")]
    [InlineData("curl -H 'Accept: text/html' https://example.com/page")]
    [InlineData("curl -- https://example.com/page")]
    public void Parse_OptionValues_AreNotMistakenForUrls(string command)
    {
        var call = ShellWords.ParseSingle(command);

        Assert.Equal("https://example.com/page", call.Url);
        Assert.Equal("example.com", call.Host);
    }

    [Fact]
    public void Parse_AttachedRequestFlag_IsDelete()
    {
        var call = ShellWords.ParseSingle("curl -XDELETE https://api.example.com/users/1");

        Assert.Equal("DELETE", call.Method);
        Assert.Equal("curl", call.Tool);
    }

    [Fact]
    public void Parse_RailwayVolumeDelete_KeepsHeaderAndBody()
    {
        var call = ShellWords.ParseSingle(RailwayIncident.Command);

        Assert.Equal("POST", call.Method);
        Assert.Equal("https://backboard.railway.app/graphql/v2", call.Url);
        Assert.Equal("backboard.railway.app", call.Host);
        Assert.Contains(new KeyValuePair<string, string>("Authorization", "Bearer $TOKEN"), call.Headers);
        Assert.Equal("""{"query":"mutation { volumeDelete(volumeId: \"abc\") }"}""", Assert.Single(call.InlineBodies));
    }

    [Fact]
    public void Parse_SchemelessUrl_AssumesHttp()
    {
        Assert.Equal("http://example.com/x", ShellWords.ParseSingle("curl example.com/x").Url);
    }

    [Theory]
    [InlineData("curl ftp.example.com/file", "ftp://ftp.example.com/file")]
    [InlineData("curl --proto-default https example.com", "https://example.com")]
    public void Parse_SchemeGuess_FollowsCurl(string command, string url)
    {
        Assert.Equal(url, ShellWords.ParseSingle(command).Url);
    }

    [Fact]
    public void Parse_SeveralUrls_GiveOneCallEach()
    {
        var calls = ShellWords.Parse("curl -X DELETE https://a.example.com/1 https://b.example.com/2");

        Assert.Equal(["https://a.example.com/1", "https://b.example.com/2"], calls.Select(c => c.Url));
        Assert.All(calls, c => Assert.Equal("DELETE", c.Method));
    }

    [Fact]
    public void Parse_Next_StartsFreshOptions()
    {
        var calls = ShellWords.Parse("curl -X DELETE https://a.example.com/1 --next https://b.example.com/2");

        Assert.Equal(["DELETE", "GET"], calls.Select(c => c.Method));
    }

    [Fact]
    public void Parse_Get_MovesDataToQueryString()
    {
        var call = ShellWords.ParseSingle("curl -G -d query=abc -d limit=5 https://api.example.com/search");

        Assert.Equal("https://api.example.com/search?query=abc&limit=5", call.Url);
        Assert.Empty(call.InlineBodies);
    }

    [Fact]
    public void Parse_GetWithUrlEncode_EncodesTheContent()
    {
        var call = ShellWords.ParseSingle("curl -G --data-urlencode 'query={ me { id } }' https://api.example.com/graphql?x=1");

        Assert.Equal("https://api.example.com/graphql?x=1&query=%7B+me+%7B+id+%7D+%7D", call.Url);
    }

    [Fact]
    public void Parse_Json_SetsContentTypeAndBody()
    {
        var call = ShellWords.ParseSingle("curl --json '{\"name\":\"x\"}' https://api.example.com/items");

        Assert.Equal("{\"name\":\"x\"}", Assert.Single(call.InlineBodies));
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "application/json"), call.Headers);
        Assert.Contains(new KeyValuePair<string, string>("Accept", "application/json"), call.Headers);
    }

    [Theory]
    [InlineData("curl -d @body.json https://x.test", "body.json")]
    [InlineData("curl -d@body.json https://x.test", "body.json")]
    [InlineData("curl --data-binary @body.json https://x.test", "body.json")]
    [InlineData("curl --data-urlencode name@body.json https://x.test", "body.json")]
    [InlineData("curl --json @body.json https://x.test", "body.json")]
    [InlineData("curl -F upload=@body.json https://x.test", "body.json")]
    [InlineData("curl -F 'upload=@body.json;type=application/json' https://x.test", "body.json")]
    [InlineData("curl -F 'text=<body.json' https://x.test", "body.json")]
    [InlineData("curl -T body.json https://x.test", "body.json")]
    [InlineData("curl --upload-file body.json https://x.test", "body.json")]
    public void Parse_BodyFromFile_IsReported(string command, string file)
    {
        var call = ShellWords.ParseSingle(command);

        Assert.Equal([file], call.BodyFiles);
        Assert.False(call.ReadsBodyFromStdin);
    }

    [Theory]
    [InlineData("curl -d @- https://x.test")]
    [InlineData("curl --data-binary @- https://x.test")]
    [InlineData("curl -T - https://x.test")]
    [InlineData("curl -T . https://x.test")]
    [InlineData("curl -F file=@- https://x.test")]
    public void Parse_BodyFromStdin_IsReported(string command)
    {
        var call = ShellWords.ParseSingle(command);

        Assert.True(call.ReadsBodyFromStdin);
        Assert.Empty(call.BodyFiles);
    }

    [Fact]
    public void Parse_DataRawAt_IsLiteral()
    {
        var call = ShellWords.ParseSingle("curl --data-raw @literal https://x.test");

        Assert.Equal(["@literal"], call.InlineBodies);
        Assert.Empty(call.BodyFiles);
    }

    [Fact]
    public void Parse_FormField_IsInlineBody()
    {
        var call = ShellWords.ParseSingle("""curl https://x.test/graphql -F operations='{"query":"mutation { a }"}' -F 0=@f.png""");

        Assert.Equal(["""{"query":"mutation { a }"}"""], call.InlineBodies);
        Assert.Equal(["f.png"], call.BodyFiles);
    }

    [Fact]
    public void Parse_Headers_AreSplitAtTheFirstColon()
    {
        var call = ShellWords.ParseSingle("curl -H 'X-Url: https://a' -H'Accept:json' https://x.test");

        Assert.Equal(
            [new("X-Url", "https://a"), new("Accept", "json")],
            call.Headers);
    }

    [Fact]
    public void Parse_NoUrl_GivesACallWithoutUrl()
    {
        Assert.Equal("", ShellWords.ParseSingle("curl -X DELETE").Url);
    }

    [Theory]
    [InlineData("curl --version")]
    [InlineData("curl -V")]
    [InlineData("curl --help all")]
    public void Parse_InfoOptions_SendNothing(string command)
    {
        Assert.Empty(ShellWords.Parse(command));
    }

    [Fact]
    public void Parse_VariableHost_HasNoHost()
    {
        var call = ShellWords.ParseSingle("curl -X DELETE \"$API_URL/users/1\"");

        Assert.Equal("http://$API_URL/users/1", call.Url);
        Assert.Null(call.Host);
    }

    [Theory]
    [InlineData("curl --url-query 'b=c d' https://x.test/a", "https://x.test/a?b=c+d")]
    [InlineData("curl --url-query +b=%20 https://x.test/a?z=1", "https://x.test/a?z=1&b=%20")]
    public void Parse_UrlQuery_IsAppended(string command, string url)
    {
        Assert.Equal(url, ShellWords.ParseSingle(command).Url);
    }

    [Fact]
    public void Parse_AfterDoubleDash_EverythingIsAUrl()
    {
        var calls = ShellWords.Parse("curl -- -X https://x.test");

        Assert.Equal(["http://-X", "https://x.test"], calls.Select(c => c.Url));
    }
}
