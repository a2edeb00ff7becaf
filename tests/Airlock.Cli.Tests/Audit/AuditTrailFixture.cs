using System.Text.Json.Nodes;
using Airlock.Cli.Tests.Gateway;

namespace Airlock.Cli.Tests.Audit;

/// <summary>
/// One real gateway with a known history — a pending approval, an approval, the grant consumed by the
/// identical retry and reported as executed, allowed and denied calls, a token revoked — in two bursts
/// more than three heartbeats apart, then exported through the real command as a bundle and as SIEM
/// files. Each test tampers with its own copy.
/// </summary>
public sealed class AuditTrailFixture : IDisposable
{
    public const string DropCommand = "psql \"postgres://admin@db.prod.example.com/app\" -c \"DROP TABLE sessions\"";

    public AuditTrailFixture()
    {
        Gateway = GatewayProcess.Start(config: "audit:\n  checkpoint_interval: 200ms\n  heartbeat: 1s\n");
        ApproverToken = Gateway.CreateToken("approver", "alice");
        using var agent = Gateway.Client(Gateway.CreateToken("agent", "bot"));
        using var alice = Gateway.Client(ApproverToken);
        GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell("ls -la"));
        GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell("rm -rf /"));
        var pending = GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell(DropCommand)).Body!;
        var approval = pending["approval"]!["id"]!.GetValue<string>();
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{approval}/approve", new JsonObject { ["reason"] = "drill" }).Status);
        var granted = GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell(DropCommand)).Body!;
        Assert.Equal("allow", granted["decision"]!.GetValue<string>());
        var executed = new JsonObject { ["decision_id"] = granted["decision_id"]!.GetValue<string>(), ["status"] = "completed", ["exit_code"] = 0, ["duration_ms"] = 42 };
        Assert.Equal(201, GatewayJson.Post(agent, "v1/executions", executed).Status);
        FirstBurstEnd = Size();

        // Idle long enough for heartbeats: after this burst, the tail can be cut off only detectably.
        Thread.Sleep(TimeSpan.FromSeconds(4));
        for (var i = 0; i < 5; i++)
        {
            GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell($"cat notes-{i}.txt", session: "s2"));
        }

        Thread.Sleep(TimeSpan.FromSeconds(4));
        Bundle = Export("bundle", "bundle.jsonl");
        Hec = Export("splunk-hec", "events.hec.jsonl");
        Ocsf = Export("ocsf", "events.ocsf.jsonl");
        PublicKey = Path.Combine(Gateway.DataDirectory, "audit-public.pem");
        var keys = AirlockProcess.Run(["keys", "export", "--data", Gateway.DataDirectory, "-o", PublicKey]);
        Assert.True(keys.ExitCode == 0, keys.Stderr);
        using var checkpoint = alice.GetAsync("v1/audit/checkpoint").GetAwaiter().GetResult();
        LatestCheckpoint = Path.Combine(Gateway.DataDirectory, "latest.checkpoint");
        File.WriteAllText(LatestCheckpoint, checkpoint.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    internal GatewayProcess Gateway { get; }
    public string ApproverToken { get; }
    public long FirstBurstEnd { get; }
    public string Bundle { get; }
    public string Hec { get; }
    public string Ocsf { get; }
    public string PublicKey { get; }
    public string LatestCheckpoint { get; }

    public string Copy(string path, Func<List<string>, List<string>> tamper)
    {
        var copy = Path.Combine(Gateway.DataDirectory, Guid.NewGuid().ToString("N") + Path.GetExtension(path));
        var lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        File.WriteAllText(copy, string.Join('\n', tamper(lines)) + "\n");
        return copy;
    }

    internal ProcessResult Verify(params string[] args) => AirlockProcess.Run(["audit", "verify", .. args]);

    public void Dispose() => Gateway.Dispose();

    private long Size()
    {
        using var alice = Gateway.Client(ApproverToken);
        var text = alice.GetStringAsync("v1/audit/records?tail=1").GetAwaiter().GetResult();
        return JsonNode.Parse(text.Trim())!["seq"]!.GetValue<long>() + 1;
    }

    private string Export(string format, string name)
    {
        var path = Path.Combine(Gateway.DataDirectory, name);
        var result = AirlockProcess.Run(["audit", "export", "--format", format, "-o", path, "--server", Gateway.Url.ToString(), "--token", ApproverToken]);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return path;
    }
}
