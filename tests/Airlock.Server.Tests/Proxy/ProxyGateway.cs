using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airlock.Server.Auth;
using Airlock.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Airlock.Server.Tests.Proxy;

/// <summary>
/// The real gateway (<see cref="GatewayApplication.Build"/>) on a loopback port with its own data folder
/// and a <c>config.yaml</c> whose proxy routes point at a <see cref="FakeCloudApi"/>: an admin, an agent
/// and an approver token, and the upstream credential set through the admin API.
/// </summary>
internal sealed class ProxyGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private ProxyGateway(WebApplication app, string dataDirectory, Uri url)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Url = url;
    }

    public string DataDirectory { get; }

    public Uri Url { get; }

    public string AdminToken { get; private set; } = "";

    public string AgentToken { get; private set; } = "";

    public string ApproverToken { get; private set; } = "";

    /// <summary>
    /// Routes: <c>railway</c> (production, Bearer credential, upstream honours Idempotency-Key), <c>api</c>
    /// (the same upstream, no environment given), and <c>down</c> (a port nothing listens on).
    /// </summary>
    public static async Task<ProxyGateway> StartAsync(FakeCloudApi upstream, bool setCredential = true, string? extraRoutes = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "airlock-proxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "config.yaml"), $"""
            proxy:
              routes:
                - name: railway
                  upstream: {upstream.BaseAddress}
                  environment: production
                  credential:
                    header: Authorization
                    scheme: Bearer
                  idempotency_key: true
                - name: api
                  upstream: {upstream.BaseAddress}
                  credential:
                    header: Authorization
                    scheme: Bearer
                - name: down
                  upstream: http://127.0.0.1:{ClosedPort()}/
                  environment: production
                  credential:
                    header: Authorization
                    scheme: Bearer
            {extraRoutes}
            """);
        // The built-in policy, whatever the machine's user policy says.
        File.WriteAllText(Path.Combine(data, "policy.yaml"), "version: 1\n");
        var app = GatewayApplication.Build(new GatewayOptions { Listen = "127.0.0.1:0", DataDirectory = data, PolicyPath = Path.Combine(data, "policy.yaml"), JsonLogs = true });
        var admin = await app.Services.GetRequiredService<TokenService>().BootstrapAdminAsync(CancellationToken.None);
        await app.StartAsync();
        var gateway = new ProxyGateway(app, data, new Uri(GatewayApplication.BoundAddress(app)! + "/")) { AdminToken = admin! };
        gateway.AgentToken = await gateway.CreateTokenAsync("agent", "claude-bot");
        gateway.ApproverToken = await gateway.CreateTokenAsync("approver", "alice");
        if (setCredential)
        {
            var routes = JsonNode.Parse(await gateway.Client(gateway.AdminToken).GetStringAsync("v1/proxy/routes"))!.AsArray().Select(r => r!["name"]!.GetValue<string>());
            foreach (var route in routes)
            {
                using var response = await gateway.Client(gateway.AdminToken).PutAsJsonAsync($"v1/proxy/routes/{route}/credential", new { secret = FakeCloudApi.Credential });
                Assert.Equal(204, (int)response.StatusCode);
            }
        }

        return gateway;
    }

    /// <summary>A client of the gateway sending <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    public async Task<string> CreateTokenAsync(string role, string name, params string[] scope)
    {
        using var response = await Client(AdminToken).PostAsJsonAsync("v1/tokens", new { role, name, scope });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["token"]!.GetValue<string>();
    }

    public async Task ApproveAsync(string approvalId)
    {
        using var response = await Client(ApproverToken).PostAsJsonAsync($"v1/approvals/{approvalId}/approve", new { reason = "retiring that volume" });
        Assert.Equal(200, (int)response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A loopback port that was free a moment ago and has nothing listening on it.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
