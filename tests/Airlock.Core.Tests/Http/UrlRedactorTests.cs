using Airlock.Http;

namespace Airlock.Tests.Http;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://user:pass@host/?token=abc", "https://user:***@host/?token=***")]
    [InlineData("https://api.test/x?access_token=a&page=2&api_key=b", "https://api.test/x?access_token=***&page=2&api_key=***")]
    [InlineData("https://s3.test/o?X-Amz-Signature=abc&X-Amz-Expires=60", "https://s3.test/o?X-Amz-Signature=***&X-Amz-Expires=60")]
    [InlineData("https://api.test/x?key=k&sig=s&githubToken=t", "https://api.test/x?key=***&sig=***&githubToken=***")]
    [InlineData("https://app.test/cb#access_token=abc&state=1", "https://app.test/cb#access_token=***&state=1")]
    [InlineData("https://ghp_abcdefghijklmnopqrstuvwxyz@github.com/o/r", "https://***@github.com/o/r")]
    [InlineData("https://git@github.com/o/r", "https://git@github.com/o/r")]
    [InlineData("https://api.test/x?page=2", "https://api.test/x?page=2")]
    [InlineData("http://localhost:8080/health", "http://localhost:8080/health")]
    public void Redact_Credentials_AreMasked(string url, string expected)
    {
        Assert.Equal(expected, UrlRedactor.Redact(url));
    }
}
