using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Airlock.Server.Tests.Proxy;

/// <summary>
/// The proxy end to end against a loopback GraphQL API: reads pass with the upstream's real answer, the
/// Railway-incident mutation is held until a human approves it and then reaches the upstream exactly
/// once, and the upstream credential is injected on the way out and found nowhere else.
/// </summary>
public sealed class ProxyFlowTests : IAsyncLifetime
{
    private const string Me = """{"query":"query { me { id } }"}""";
    private const string VolumeDelete = """{"query":"mutation { volumeDelete(volumeId: \"v1\") }"}""";

    private FakeCloudApi _upstream = null!;
    private ProxyGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeCloudApi.StartAsync();
        _gateway = await ProxyGateway.StartAsync(_upstream);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Query_PassesThroughWithTheUpstreamsAnswer_AndOnlyTheInjectedCredential()
    {
        using var response = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", Me);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user_1", JsonNode.Parse(body)!["data"]!["me"]!["id"]!.GetValue<string>());
        Assert.Equal("allow", Header(response, "Airlock-Decision"));
        Assert.StartsWith("dec_", Header(response, "Airlock-Decision-Id"), StringComparison.Ordinal);
        var seen = Assert.Single(_upstream.Requests);
        Assert.Equal("/graphql/v2", seen.PathAndQuery);
        Assert.Equal("Bearer " + FakeCloudApi.Credential, seen.Header("Authorization"));
        Assert.DoesNotContain(_gateway.AgentToken, seen.AllText, StringComparison.Ordinal);
        Assert.Equal(Me, Encoding.UTF8.GetString(seen.Body));
    }

    [Fact]
    public async Task VolumeDelete_IsHeldForApproval_ThenForwardedExactlyOnce_AndARetryWithItsKeyIsReplayed()
    {
        using var held = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete, idempotencyKey: "delete-v1");
        var refusal = JsonNode.Parse(await held.Content.ReadAsStringAsync())!;
        Assert.Equal(428, (int)held.StatusCode);
        Assert.Equal("approval_required", refusal["code"]!.GetValue<string>());
        var approvalId = refusal["decision"]!["approval"]!["id"]!.GetValue<string>();
        Assert.Equal(approvalId, Header(held, "Airlock-Approval-Id"));
        Assert.Contains(approvalId, refusal["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("volumeDelete", refusal["decision"]!["operations"]![0]!["target"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, _upstream.VolumeDeletes);

        // Before approval, sending it again finds the same pending request; nothing reaches the upstream.
        using var again = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete, idempotencyKey: "delete-v1");
        Assert.Equal(428, (int)again.StatusCode);
        Assert.Equal(approvalId, Header(again, "Airlock-Approval-Id"));

        await _gateway.ApproveAsync(approvalId);
        using var forwarded = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete, idempotencyKey: "delete-v1");
        var answer = await forwarded.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal(1, _upstream.VolumeDeletes);
        var upstreamKey = _upstream.Requests[^1].Header("Idempotency-Key");
        Assert.StartsWith("airlock-", upstreamKey, StringComparison.Ordinal);

        // The client retries with the same key (it never saw the answer, say): the kept answer, not a second delete.
        using var replayed = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete, idempotencyKey: "delete-v1");
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("true", Header(replayed, "Idempotent-Replayed"));
        Assert.Equal(answer, await replayed.Content.ReadAsStringAsync());
        Assert.Equal("1", Header(replayed, "X-Request-Number"));
        Assert.Equal(1, _upstream.VolumeDeletes);

        // Without the key it is a new request: the grant was single-use, so it is held again under a new approval.
        using var unkeyed = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete);
        Assert.Equal(428, (int)unkeyed.StatusCode);
        Assert.NotEqual(approvalId, Header(unkeyed, "Airlock-Approval-Id"));
        Assert.Equal(1, _upstream.VolumeDeletes);
    }

    [Fact]
    public async Task ApprovedRequest_WithoutAKey_IsForwardedOnce_WithTheApprovalAsTheUpstreamsIdempotencyKey()
    {
        using var held = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete);
        var approvalId = Header(held, "Airlock-Approval-Id")!;
        await _gateway.ApproveAsync(approvalId);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete)));

        Assert.Single(attempts, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(attempts.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(428, (int)a.StatusCode));
        Assert.Equal(1, _upstream.VolumeDeletes);
        Assert.Equal(approvalId, _upstream.Requests.Single(r => Encoding.UTF8.GetString(r.Body).Contains("volumeDelete", StringComparison.Ordinal)).Header("Idempotency-Key"));
        foreach (var attempt in attempts)
        {
            attempt.Dispose();
        }
    }

    [Fact]
    public async Task ChangedRequest_IsNotCoveredByTheApprovalOfAnother()
    {
        using var held = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete);
        await _gateway.ApproveAsync(Header(held, "Airlock-Approval-Id")!);

        using var other = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", """{"query":"mutation { volumeDelete(volumeId: \"v2\") }"}""");

        Assert.Equal(428, (int)other.StatusCode);
        Assert.Equal(0, _upstream.VolumeDeletes);
    }

    [Fact]
    public async Task SecretInTheBody_IsRefusedWith403AndAReasonTheAgentCanRead()
    {
        using var response = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", """{"query":"mutation { noteCreate(text: \"ghp_0123456789abcdefghijABCDEFGHIJ012345\") { id } }"}""");

        var refusal = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("denied", refusal["code"]!.GetValue<string>());
        Assert.Equal("exfiltration", refusal["decision"]!["reason_code"]!.GetValue<string>());
        Assert.Contains("refused", refusal["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task SameIdempotencyKey_WithAnotherRequest_Is422_AndWhileTheFirstIsInFlight_409()
    {
        using var first = await Post(_gateway.AgentToken, "proxy/api/graphql/v2", Me, idempotencyKey: "k1");
        using var reused = await Post(_gateway.AgentToken, "proxy/api/graphql/v2", """{"query":"query { me { email } }"}""", idempotencyKey: "k1");
        Assert.Equal(422, (int)reused.StatusCode);

        var slow = Send(_gateway.AgentToken, HttpMethod.Get, "proxy/api/slow", null, "k2");
        await _upstream.SlowArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var during = await Send(_gateway.AgentToken, HttpMethod.Get, "proxy/api/slow", null, "k2");
        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);
        Assert.Equal("idempotency_in_flight", JsonNode.Parse(await during.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        _upstream.Release.TrySetResult();
        using var done = await slow;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(1, _upstream.Requests.Count(r => r.PathAndQuery == "/slow"));
    }

    [Fact]
    public async Task UpstreamCredential_AppearsInNoAnswer_AndNowhereInTheDatabaseInPlaintext()
    {
        using var read = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", Me);
        using var held = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete, idempotencyKey: "k");
        await _gateway.ApproveAsync(Header(held, "Airlock-Approval-Id")!);
        using var forwarded = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", VolumeDelete, idempotencyKey: "k");
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);

        var answers = new StringBuilder();
        foreach (var response in (HttpResponseMessage[])[read, held, forwarded])
        {
            answers.Append(response.Headers).Append(await response.Content.ReadAsStringAsync());
        }

        answers.Append(await _gateway.Client(_gateway.AdminToken).GetStringAsync("v1/proxy/routes"));
        answers.Append(await _gateway.Client(_gateway.ApproverToken).GetStringAsync("v1/approvals?status=all"));
        Assert.Contains("\"credential_set\":true", answers.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCloudApi.Credential, answers.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCloudApi.Credential, DatabaseText(), StringComparison.Ordinal);
        Assert.DoesNotContain("7f3c9a1e5b2d", DatabaseText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryForwardedRequest_HasItsExecutionRecorded_WithTheUpstreamStatus()
    {
        using var response = await Post(_gateway.AgentToken, "proxy/railway/graphql/v2", Me);
        var decisionId = Header(response, "Airlock-Decision-Id");

        await Eventually(() => Executions().Any(e => e.DecisionId == decisionId), "the execution record");
        var execution = Executions().Single(e => e.DecisionId == decisionId);
        Assert.Equal(("completed", 200L, "railway"), (execution.Status, execution.HttpStatus, execution.Target));
    }

    [Fact]
    public async Task NonAgentTokens_AreRefused_AndNoTokenIs401()
    {
        using var admin = await Post(_gateway.AdminToken, "proxy/railway/graphql/v2", Me);
        using var approver = await Post(_gateway.ApproverToken, "proxy/railway/graphql/v2", Me);
        using var none = await Post(null, "proxy/railway/graphql/v2", Me);

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, approver.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task AgentToken_InXAirlockToken_KeepsAuthorizationForTheClient_ButNeitherReachesTheUpstream()
    {
        using var client = _gateway.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "proxy/railway/graphql/v2") { Content = new StringContent(Me, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Airlock-Token", _gateway.AgentToken);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sdk-placeholder-token");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_upstream.Requests);
        Assert.Equal("Bearer " + FakeCloudApi.Credential, seen.Header("Authorization"));
        Assert.Null(seen.Header("X-Airlock-Token"));
        Assert.DoesNotContain("sdk-placeholder-token", seen.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenScopedToDev_CannotReachAProductionRouteForAChange()
    {
        var devOnly = await _gateway.CreateTokenAsync("agent", "dev-bot", "env:dev");

        using var read = await Post(devOnly, "proxy/railway/graphql/v2", Me);
        using var change = await Post(devOnly, "proxy/railway/graphql/v2", VolumeDelete);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal("out_of_scope", JsonNode.Parse(await change.Content.ReadAsStringAsync())!["decision"]!["reason_code"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> Post(string? token, string path, string json, string? idempotencyKey = null) =>
        Send(token, HttpMethod.Post, path, json, idempotencyKey);

    private Task<HttpResponseMessage> Send(string? token, HttpMethod method, string path, string? json, string? idempotencyKey)
    {
        var client = _gateway.Client(token);
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private List<(string DecisionId, string Status, long? HttpStatus, string Target)> Executions()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT decision_id, status, http_status, target FROM executions";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, long?, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Every value in every table, text and blobs alike, read while the gateway runs.</summary>
    private string DatabaseText()
    {
        using var connection = Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("proxy_credentials", tables);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes) : value).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_gateway.DataDirectory, "airlock.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static Task Eventually(Func<bool> condition, string what) => Notifications.Eventually.Until(condition, what);
}
