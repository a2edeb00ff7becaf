using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>
/// The HTTP proxy in the real <c>airlock serve</c> process, in front of a loopback server that behaves
/// like a cloud GraphQL API: the credential is set with <c>airlock proxy credential set</c> from stdin,
/// the agent calls the API through the gateway with its Airlock token only, and the credential shows up
/// in the upstream's requests and nowhere else — not in answers, logs, or the database.
/// </summary>
public sealed class GatewayProxyTests
{
    private const string Credential = "rw_live_4c1d8e2f9a7b3c5d6e0f1a2b3c4d5e6f";
    private const string Me = """{"query":"query { me { id } }"}""";
    private const string VolumeDelete = """{"query":"mutation { volumeDelete(volumeId: \"v1\") }"}""";

    [Fact]
    public async Task RailwayIncident_ThroughTheProxy_IsHeldApprovedAndSentOnce_WithACredentialTheAgentNeverHolds()
    {
        var seen = new ConcurrentQueue<(string Authorization, string Headers, string Body)>();
        var deletes = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var upstream = builder.Build();
        upstream.Urls.Add("http://127.0.0.1:0");
        upstream.MapPost("/graphql/v2", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            seen.Enqueue((context.Request.Headers.Authorization.ToString(), string.Join('\n', context.Request.Headers.Select(h => $"{h.Key}: {h.Value}")), body));
            if (body.Contains("volumeDelete", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref deletes);
                return Results.Json(new { data = new { volumeDelete = true } });
            }

            return Results.Json(new { data = new { me = new { id = "user_1" } } });
        });
        await upstream.StartAsync();

        var config = $"""
            proxy:
              routes:
                - name: railway
                  upstream: {upstream.Urls.Single()}/
                  environment: production
                  credential:
                    header: Authorization
                    scheme: Bearer
                  idempotency_key: true
            """;
        using var gateway = GatewayProcess.Start(config: config);
        var agentToken = gateway.CreateToken("agent", "claude-bot");
        using var agent = gateway.Client(agentToken);
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var cli = new Dictionary<string, string> { ["AIRLOCK_SERVER"] = gateway.Url.ToString(), ["AIRLOCK_TOKEN"] = gateway.AdminToken };

        var unset = AirlockProcess.Run(["proxy", "routes"], environment: cli);
        Assert.Contains("NOT SET", unset.Stdout, StringComparison.Ordinal);
        var set = AirlockProcess.Run(["proxy", "credential", "set", "railway"], stdin: Credential + "\n", environment: cli);
        Assert.True(set.ExitCode == 0, set.Stderr);
        var routes = AirlockProcess.Run(["proxy", "routes", "--json"], environment: cli);
        Assert.True(JsonNode.Parse(routes.Stdout)![0]!["credential_set"]!.GetValue<bool>());

        var answers = new StringBuilder(set.Stdout + set.Stderr + routes.Stdout);
        var read = Send(agent, Me, null, answers);
        Assert.Equal(200, read.Status);
        Assert.Equal("user_1", JsonNode.Parse(read.Body)!["data"]!["me"]!["id"]!.GetValue<string>());

        var held = Send(agent, VolumeDelete, "delete-v1", answers);
        Assert.Equal(428, held.Status);
        var approvalId = JsonNode.Parse(held.Body)!["decision"]!["approval"]!["id"]!.GetValue<string>();
        answers.Append(GatewayJson.Get(alice, $"v1/approvals/{approvalId}").Body!.ToJsonString());
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{approvalId}/approve", new JsonObject { ["reason"] = "retiring v1" }).Status);
        Assert.Equal(0, deletes);

        var sent = Send(agent, VolumeDelete, "delete-v1", answers);
        var retried = Send(agent, VolumeDelete, "delete-v1", answers);
        Assert.Equal((200, 200), (sent.Status, retried.Status));
        Assert.Equal(sent.Body, retried.Body);
        Assert.Equal(1, deletes);

        // The key is persisted, and so is the sealed credential: after a crash and a restart both still hold.
        gateway.Restart();
        using var afterRestart = gateway.Client(agentToken);
        Assert.Equal(200, Send(afterRestart, VolumeDelete, "delete-v1", answers).Status);
        Assert.Equal(200, Send(afterRestart, Me, null, answers).Status);
        Assert.Equal(1, deletes);

        Assert.All(seen, request => Assert.Equal("Bearer " + Credential, request.Authorization));
        Assert.All(seen, request => Assert.DoesNotContain(agentToken, request.Headers + request.Body, StringComparison.Ordinal));
        Assert.DoesNotContain(Credential, answers.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Credential, gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Credential, DatabaseText(gateway), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(gateway.DataDirectory, "proxy.key")));
        }
    }

    [Fact]
    public void MistakeInAProxyRoute_StopsTheGatewayAtStart_WithItsLine()
    {
        var data = Path.Combine(Path.GetTempPath(), "airlock-proxy-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            File.WriteAllText(Path.Combine(data, "config.yaml"), """
                proxy:
                  routes:
                    - name: railway
                      upstream: https://token:secret@backboard.railway.app/
                      environment: prod
                    - name: api
                      upstream: ftp://example.com/
                      credential:
                        scheme: Bearer
                """);

            var result = AirlockProcess.Run(["serve", "--listen", "127.0.0.1:0", "--data", data]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("config.yaml:3: the proxy route 'railway': 'upstream' must be a base URL without user info", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("config.yaml:6: the proxy route 'api' needs 'upstream'", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("did not start", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static (int Status, string Body) Send(HttpClient agent, string json, string? idempotencyKey, StringBuilder answers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "proxy/railway/graphql/v2") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = agent.Send(request);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        answers.Append(response.Headers).Append(body);
        return ((int)response.StatusCode, body);
    }

    /// <summary>Every value in every table, blobs included, read while the gateway runs.</summary>
    private static string DatabaseText(GatewayProcess gateway)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "airlock.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
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
                    text.Append(value is byte[] bytes ? Encoding.Latin1.GetString(bytes) : value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
