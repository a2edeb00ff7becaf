using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>The gateway's webhooks as a receiver sees them: a real server, a real receiver, the signature checked independently.</summary>
public sealed class GatewayWebhookTests
{
    [Fact]
    public async Task ApprovalRequested_ReachesTheReceiver_SignedWithTheConfiguredSecret()
    {
        const string Secret = "whsec-test-3f9a1c";
        var received = new ConcurrentQueue<(string Signature, string Event, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.Urls.Add("http://127.0.0.1:0");
        receiver.MapPost("/hooks/airlock", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Headers["Airlock-Signature"].ToString(), context.Request.Headers["Airlock-Event"].ToString(), body.ToArray()));
            return Results.Ok();
        });
        await receiver.StartAsync();

        var config = $"webhooks:\n  - name: test\n    url: {receiver.Urls.Single()}/hooks/airlock\n    secret_env: AIRLOCK_TEST_WEBHOOK_SECRET\n";
        using var gateway = GatewayProcess.Start(config: config, environment: new Dictionary<string, string> { ["AIRLOCK_TEST_WEBHOOK_SECRET"] = Secret });
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var decided = GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE orders" """)).Body!;
        var id = decided["approval"]!["id"]!.GetValue<string>();
        GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject());

        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < 2)
        {
            Assert.True(DateTime.UtcNow < limit, "two webhook deliveries arrive");
            await Task.Delay(50);
        }

        Assert.Equal(["approval.requested", "approval.approved"], received.Select(r => r.Event).Order().Reverse());
        foreach (var (signature, _, body) in received)
        {
            // Recomputed here from the documented scheme: HMAC-SHA256(secret, "{t}.{body}"), header "t=…,v1=…".
            var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(body).ToArray();
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
            Assert.Equal(expected, parts["v1"]);
            Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture)) < 300);
            Assert.Equal(id, JsonNode.Parse(body)!["approval"]!["id"]!.GetValue<string>());
        }

        Assert.DoesNotContain(Secret, gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MistypedWebhookEvent_GatewayDoesNotStart_AndSaysWhere()
    {
        var data = Path.Combine(Path.GetTempPath(), "airlock-badconfig-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "config.yaml"), "webhooks:\n  - name: on-call\n    url: http://127.0.0.1:9/hook\n    events: [approval.requestd]\n");
        try
        {
            var result = AirlockProcess.Run(["serve", "--data", data, "--listen", "127.0.0.1:0"]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("config.yaml:2", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("approval.requestd", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("alk_admin_", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
