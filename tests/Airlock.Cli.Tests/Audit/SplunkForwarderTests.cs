using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Airlock.Cli.Tests.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airlock.Cli.Tests.Audit;

/// <summary>The gateway forwards its audit records to a Splunk HTTP Event Collector (a Kestrel receiver on loopback), retrying failures.</summary>
public sealed class SplunkForwarderTests
{
    [Fact]
    public async Task Records_ReachTheCollector_InOrder_AfterAFailure_AndReconcileWithTheBundle()
    {
        const string HecToken = "6a1f0c2e-hec-token-test";
        var received = new ConcurrentQueue<string>();
        var authorizations = new ConcurrentQueue<string>();
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.Urls.Add("http://127.0.0.1:0");
        collector.MapPost("/services/collector/event", async (HttpContext context) =>
        {
            authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Increment(ref calls) == 1)
            {
                return Results.StatusCode(503); // the first delivery fails; the batch must come again
            }

            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                received.Enqueue(line);
            }

            return Results.Text("""{"text":"Success","code":0}""", "application/json");
        });
        await collector.StartAsync();

        var config = $"audit:\n  splunk_hec:\n    url: {collector.Urls.Single()}/services/collector/event\n    token_env: AIRLOCK_TEST_HEC_TOKEN\n    first_retry_delay: 100ms\n";
        using var gateway = GatewayProcess.Start(config: config, environment: new Dictionary<string, string> { ["AIRLOCK_TEST_HEC_TOKEN"] = HecToken });
        var approver = gateway.CreateToken("approver", "alice");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        for (var i = 0; i < 20; i++)
        {
            GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell(i % 2 == 0 ? $"cat file-{i}" : $"rm -rf /srv/data-{i}"));
        }

        var bundle = Path.Combine(gateway.DataDirectory, "bundle.jsonl");
        var export = AirlockProcess.Run(["audit", "export", "-o", bundle, "--server", gateway.Url.ToString(), "--token", approver]);
        Assert.True(export.ExitCode == 0, export.Stderr);
        var expected = File.ReadLines(bundle).Count(l => l.StartsWith("{\"type\":\"record\"", StringComparison.Ordinal));

        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < expected)
        {
            Assert.True(DateTime.UtcNow < limit, $"{received.Count} of {expected} records reached the collector");
            await Task.Delay(100);
        }

        var seqs = received.Select(line => JsonNode.Parse(line)!["event"]!["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => (long)i), seqs);
        Assert.True(calls >= 2, "the failed batch was retried");
        Assert.All(authorizations, header => Assert.Equal($"Splunk {HecToken}", header));
        Assert.DoesNotContain(HecToken, gateway.Output, StringComparison.Ordinal);

        var siem = Path.Combine(gateway.DataDirectory, "splunk.jsonl");
        File.WriteAllLines(siem, received.Take(expected));
        var verify = AirlockProcess.Run(["audit", "verify", bundle, "--siem", siem]);
        Assert.True(verify.ExitCode == 0, verify.Stdout);
    }
}
