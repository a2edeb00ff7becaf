using Airlock.Configuration;
using Airlock.Server.Hosting;

namespace Airlock.Server.Tests.Proxy;

/// <summary>The <c>proxy:</c> section of the server's config.yaml: every mistake reported with its line, nothing half-read.</summary>
public sealed class ProxyRouteConfigTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "airlock-config-" + Guid.NewGuid().ToString("N") + ".yaml");

    [Fact]
    public void Route_IsReadWithItsDefaults()
    {
        var config = Load("""
            proxy:
              routes:
                - name: railway
                  upstream: https://backboard.railway.app
                  environment: production
                  credential:
                    header: Authorization
                    scheme: Bearer
                  idempotency_key: true
                - name: anthropic
                  upstream: https://api.anthropic.com/v1
                  credential:
                    header: x-api-key
                  timeout: 10m
            """);

        var railway = config.ProxyRoutes[0];
        Assert.Equal(("/proxy/railway/", "https://backboard.railway.app/", "production", true), (railway.Prefix, railway.Upstream.AbsoluteUri, railway.Environment, railway.IdempotencyKey));
        Assert.Equal("Bearer s3cr3t", railway.CredentialValue("s3cr3t"));
        var anthropic = config.ProxyRoutes[1];
        Assert.Equal(("https://api.anthropic.com/v1/", "s3cr3t", TimeSpan.FromMinutes(10)), (anthropic.Upstream.AbsoluteUri, anthropic.CredentialValue("s3cr3t"), anthropic.Timeout));
        Assert.Null(anthropic.Environment);
    }

    [Fact]
    public void Mistakes_AreAllReported_EachWithItsLine()
    {
        var errors = Assert.Throws<ConfigException>(() => Load("""
            proxy:
              routes:
                - name: railway
                  upstream: https://backboard.railway.app/?token=x
                  environment: blue
                - name: railway
                  upstream: https://example.com/
                  credential:
                    header: Host
                - name: bad/name
                  upstream: https://example.com/
                - name: typo
                  upstream: https://example.com/
                  enviroment: production
            """)).Errors.Select(e => $"{e.Line}: {e.Message}").ToList();

        Assert.Contains(errors, e => e.StartsWith("3: the proxy route 'railway': 'upstream' must be a base URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("3: the proxy route 'railway' has environment 'blue'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("9: the credential of the proxy route 'railway' needs 'header'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("6: the proxy route 'railway' is defined twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'bad/name'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("14: unknown key 'enviroment'", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadmeExample_Loads()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Airlock.slnx")))
        {
            directory = directory.Parent ?? throw new FileNotFoundException("README.md next to Airlock.slnx");
        }

        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        var example = System.Text.RegularExpressions.Regex.Matches(readme, "```yaml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .Single(block => block.StartsWith("proxy:", StringComparison.Ordinal));

        var route = Assert.Single(Load(example).ProxyRoutes);
        Assert.Equal(("railway", "Authorization", "Bearer", true), (route.Name, route.CredentialHeader, route.CredentialScheme, route.IdempotencyKey));
    }

    public void Dispose() => File.Delete(_path);

    private GatewayConfig Load(string yaml)
    {
        File.WriteAllText(_path, yaml);
        return GatewayConfig.Load(_path);
    }
}
