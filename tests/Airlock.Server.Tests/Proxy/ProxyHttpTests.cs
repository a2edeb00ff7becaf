using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Airlock.Server.Tests.Proxy;

/// <summary>
/// The proxy as an HTTP intermediary: hop-by-hop headers removed both ways (RFC 9110 §7.6.1),
/// <c>Via</c> and <c>X-Forwarded-*</c> set by the gateway, large bodies streamed through both ways,
/// and every failure an answer that says what happened — never a silent pass.
/// </summary>
public sealed class ProxyHttpTests : IAsyncLifetime
{
    private FakeCloudApi _upstream = null!;
    private ProxyGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeCloudApi.StartAsync();
        _gateway = await ProxyGateway.StartAsync(_upstream, extraRoutes: $"""
                - name: impatient
                  upstream: {_upstream.BaseAddress}
                  timeout: 1s
                  credential:
                    header: Authorization
                    scheme: Bearer
                - name: keyed
                  upstream: {_upstream.BaseAddress}
                  credential:
                    header: x-api-key
            """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    /// <remarks>
    /// Kestrel keeps only <c>close</c> or <c>keep-alive</c> of a request's <c>Connection</c> header when either
    /// is among its tokens, so the header names it lists beside them cannot be seen, here or by any
    /// ASP.NET Core proxy; this request names its hop-by-hop header alone.
    /// </remarks>
    [Fact]
    public async Task HopByHopHeaders_AreRemovedBothWays_AndTheGatewaySetsViaAndForwardedHeaders()
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, $"""
            GET /proxy/api/headers HTTP/1.1
            Host: {_gateway.Url.Authority}
            Authorization: Bearer {_gateway.AgentToken}
            Connection: X-Agent-Hop
            X-Agent-Hop: must not pass
            Keep-Alive: timeout=5
            Proxy-Authorization: Basic Zm9vOmJhcg==
            Proxy-Connection: keep-alive
            TE: trailers
            Upgrade: websocket
            X-Forwarded-For: 203.0.113.9
            Via: 1.1 agent-sidecar
            X-Agent-Kept: passes
            """);

        Assert.Equal(200, answer.Status);
        var seen = Assert.Single(_upstream.Requests);
        foreach (var hop in (string[])["X-Agent-Hop", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE", "Upgrade"])
        {
            Assert.Null(seen.Header(hop));
        }

        Assert.DoesNotContain("X-Agent-Hop", seen.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("passes", seen.Header("X-Agent-Kept"));
        Assert.Equal(_upstream.BaseAddress.Authority, seen.Header("Host"));
        Assert.Equal("127.0.0.1", seen.Header("X-Forwarded-For"));
        Assert.Equal(_gateway.Url.Authority, seen.Header("X-Forwarded-Host"));
        Assert.Equal("http", seen.Header("X-Forwarded-Proto"));
        Assert.Equal("1.1 agent-sidecar, 1.1 airlock", seen.Header("Via"));

        foreach (var hop in (string[])["X-Upstream-Hop", "Keep-Alive", "Proxy-Authenticate", "Alt-Svc"])
        {
            Assert.Null(answer.Header(hop));
        }

        Assert.Equal("passes", answer.Header("X-Upstream-Kept"));
        Assert.Equal("1.1 upstream-lb, 1.1 airlock", answer.Header("Via"));
        Assert.Contains("\"ok\":true", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeStreamedResponse_ReachesTheAgentWhileTheUpstreamIsStillSending()
    {
        const int MiB = 1 << 20;
        using var client = _gateway.Client(_gateway.AgentToken);
        using var response = await client.GetAsync("proxy/api/stream?mib=50", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        var mismatch = -1L;

        // The upstream sends its first MiB and then waits for the test: the agent can only have it if the gateway passed it on.
        while (received < MiB)
        {
            received += Check(buffer, await body.ReadAsync(buffer), received, ref mismatch);
        }

        Assert.False(_upstream.StreamFinished.Task.IsCompleted);
        _upstream.Release.TrySetResult();
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            received += Check(buffer, read, received, ref mismatch);
        }

        Assert.Equal(50L * MiB, received);
        Assert.Equal(-1, mismatch);
        Assert.True(_upstream.StreamFinished.Task.IsCompleted);
    }

    [Fact]
    public async Task LargeBinaryUpload_StreamsToTheUpstreamAfterTheDecision()
    {
        var upload = new byte[40 << 20];
        new Random(7).NextBytes(upload);
        using var client = _gateway.Client(_gateway.AgentToken);
        using var content = new StreamContent(new MemoryStream(upload));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        using var response = await client.PutAsync("proxy/api/uploads/backup.bin", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var seen = Assert.Single(_upstream.Requests);
        Assert.Equal("/uploads/backup.bin", seen.PathAndQuery);
        Assert.True(upload.AsSpan().SequenceEqual(seen.Body), "the upstream received the upload byte for byte");
    }

    [Fact]
    public async Task BodyTooLargeToClassify_IsRefusedWith413_AndNeverReachesTheUpstream()
    {
        var padding = new string('x', 600 * 1024);
        using var client = _gateway.Client(_gateway.AgentToken);

        using var response = await client.PostAsync("proxy/railway/graphql/v2", new StringContent($$"""{"query":"query { me { id } }","padding":"{{padding}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("body_too_large_to_classify", await Code(response));
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task UnreachableUpstream_Is502_RecordedAndNeverSilent()
    {
        using var client = _gateway.Client(_gateway.AgentToken);

        using var response = await client.PostAsync("proxy/down/graphql/v2", new StringContent("""{"query":"query { me { id } }"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_unreachable", await Code(response));
        Assert.True(response.Headers.Contains("Airlock-Decision-Id"));
    }

    [Fact]
    public async Task UpstreamThatDoesNotAnswerInTime_Is504_AndAKeyedRetryGetsThe504NotASecondSend()
    {
        using var client = _gateway.Client(_gateway.AgentToken);
        using var first = new HttpRequestMessage(HttpMethod.Get, "proxy/impatient/slow");
        first.Headers.Add("Idempotency-Key", "slow-1");
        using var second = new HttpRequestMessage(HttpMethod.Get, "proxy/impatient/slow");
        second.Headers.Add("Idempotency-Key", "slow-1");

        using var timedOut = await client.SendAsync(first);
        using var retried = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Equal("upstream_timeout", await Code(timedOut));
        Assert.Equal(HttpStatusCode.GatewayTimeout, retried.StatusCode);
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task DotSegmentsInTheTarget_AreRefused_NotResolvedAgainstTheUpstream()
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, $"""
            GET /proxy/api/x/%2e%2e/graphql/v2 HTTP/1.1
            Host: {_gateway.Url.Authority}
            Authorization: Bearer {_gateway.AgentToken}
            """);

        Assert.Equal(400, answer.Status);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task UnknownRoute_Is404_ButOnlyToAnAgent()
    {
        using var client = _gateway.Client(_gateway.AgentToken);
        using var anonymous = _gateway.Client(null);

        using var response = await client.GetAsync("proxy/nowhere/graphql");
        using var probe = await anonymous.GetAsync("proxy/nowhere/graphql");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_route", await Code(response));
        Assert.Equal(HttpStatusCode.Unauthorized, probe.StatusCode);
    }

    [Fact]
    public async Task AgentTokenAsAnSdksApiKey_IsReplacedByTheRoutesCredential()
    {
        using var client = _gateway.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "proxy/keyed/headers");
        request.Headers.Add("x-api-key", _gateway.AgentToken);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_upstream.Requests);
        Assert.Equal(FakeCloudApi.Credential, seen.Header("x-api-key"));
        Assert.DoesNotContain(_gateway.AgentToken, seen.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteWithoutItsCredential_IsRefused_AndTheAdminApiNeverEchoesOne()
    {
        await using var upstream = await FakeCloudApi.StartAsync();
        await using var gateway = await ProxyGateway.StartAsync(upstream, setCredential: false);
        using var agent = gateway.Client(gateway.AgentToken);
        using var admin = gateway.Client(gateway.AdminToken);

        using var refused = await agent.GetAsync("proxy/api/headers");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("credential_missing", await Code(refused));

        using var bad = await admin.PutAsync("v1/proxy/routes/api/credential", new StringContent("""{"secret":"two\nlines-s3cr3t"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.DoesNotContain("s3cr3t", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var byAgent = await agent.PutAsync("v1/proxy/routes/api/credential", new StringContent($$"""{"secret":"{{FakeCloudApi.Credential}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        using var set = await admin.PutAsync("v1/proxy/routes/api/credential", new StringContent($$"""{"secret":"{{FakeCloudApi.Credential}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("", await set.Content.ReadAsStringAsync());

        using var passes = await agent.GetAsync("proxy/api/headers");
        Assert.Equal(HttpStatusCode.OK, passes.StatusCode);
        var routes = await admin.GetStringAsync("v1/proxy/routes");
        Assert.DoesNotContain(FakeCloudApi.Credential, routes, StringComparison.Ordinal);
        var api = JsonNode.Parse(routes)!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "api")!;
        Assert.True(api["credential_set"]!.GetValue<bool>());
        Assert.Equal("default/admin", api["credential_updated_by"]!.GetValue<string>());

        // Both changes are in the audit log, with the admin who made them and without the credential.
        using var deleted = await admin.DeleteAsync("v1/proxy/routes/api/credential");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var audit = await admin.GetStringAsync("v1/audit/records");
        Assert.DoesNotContain(FakeCloudApi.Credential, audit, StringComparison.Ordinal);
        var changes = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["record"]!)
            .Where(r => r["type"]!.GetValue<string>().StartsWith("proxy.credential.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["proxy.credential.set", "proxy.credential.deleted"], changes.Select(r => r["type"]!.GetValue<string>()));
        Assert.All(changes, r => Assert.Equal("api", r["route"]!.GetValue<string>()));
        Assert.All(changes, r => Assert.Equal("default/admin", r["actor"]!.GetValue<string>()));
    }

    private static int Check(byte[] buffer, int read, long offset, ref long mismatch)
    {
        for (var i = 0; i < read && mismatch < 0; i++)
        {
            if (buffer[i] != (byte)((offset + i) % (64 * 1024) % 251))
            {
                mismatch = offset + i;
            }
        }

        return read;
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]?.GetValue<string>();
}
