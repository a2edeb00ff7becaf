using System.Text;
using Airlock.Cli.Tests.Gateway;

namespace Airlock.Cli.Tests.Dashboard;

/// <summary>The dashboard's session cookie as a real gateway sets it, with and without TLS in front.</summary>
public sealed class SessionCookieTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("public_url: https://airlock.example.com\n", true)]
    public async Task SessionCookie_IsHttpOnlyAndStrict_AndSecureWhenServedOverTls(string? config, bool secure)
    {
        using var gateway = GatewayProcess.Start(config: config);
        var alice = gateway.CreateToken("approver", "alice");
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = gateway.Url };

        using var response = await client.PostAsync("v1/session", new StringContent($$"""{"token":"{{alice}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("airlock_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(alice, cookie, StringComparison.Ordinal);
    }
}
