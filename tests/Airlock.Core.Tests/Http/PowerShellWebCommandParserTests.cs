namespace Airlock.Tests.Http;

public sealed class PowerShellWebCommandParserTests
{
    [Theory]
    [InlineData("Invoke-WebRequest https://api.test/x", "GET")]
    [InlineData("Invoke-RestMethod -Uri https://api.test/x -Method Delete", "DELETE")]
    [InlineData("Invoke-RestMethod -Method:Delete -Uri:https://api.test/x", "DELETE")]
    [InlineData("irm https://api.test/x -Meth Post -Body 'a=b'", "POST")]
    [InlineData("iwr -UseBasicParsing https://api.test/x", "GET")]
    [InlineData("Invoke-WebRequest -Uri https://api.test/x -Method Default", "GET")]
    [InlineData("Invoke-WebRequest -Uri https://api.test/x -CustomMethod PURGE", "PURGE")]
    public void Parse_Method_IsWhatPowerShellSends(string command, string method)
    {
        var call = ShellWords.ParseSingle(command);

        Assert.Equal(method, call.Method);
        Assert.Equal("https://api.test/x", call.Url);
    }

    [Fact]
    public void Parse_BodyHeadersAndInFile_AreRead()
    {
        var call = ShellWords.ParseSingle("Invoke-RestMethod -Uri https://api.test/graphql -Method Post -Headers '@{Authorization=\"Bearer x\"; \"X-A\"=\"1\"}' -Body '{\"query\":\"{ a }\"}' -InFile data.json -ContentType application/json");

        Assert.Equal("Invoke-RestMethod", call.Tool);
        Assert.Equal(["{\"query\":\"{ a }\"}"], call.InlineBodies);
        Assert.Equal(["data.json"], call.BodyFiles);
        Assert.Contains(new KeyValuePair<string, string>("Authorization", "Bearer x"), call.Headers);
        Assert.Contains(new KeyValuePair<string, string>("X-A", "1"), call.Headers);
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "application/json"), call.Headers);
    }

    [Fact]
    public void Parse_HashtableSplitIntoWords_IsJoined()
    {
        var call = ShellWords.ParseSingle("Invoke-WebRequest -Headers @{ Authorization = 'Bearer x' } https://api.test/x");

        Assert.Contains(new KeyValuePair<string, string>("Authorization", "Bearer x"), call.Headers);
        Assert.Equal("https://api.test/x", call.Url);
    }
}
