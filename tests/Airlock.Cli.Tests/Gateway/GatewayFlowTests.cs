using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>
/// The approval flow end to end: a real gateway, the real <c>airlock</c> hook and command, HTTP on loopback.
/// </summary>
public sealed class GatewayFlowTests
{
    /// <summary>The April 2026 incident: one GraphQL mutation that deleted a production volume.</summary>
    private const string VolumeDelete = """curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \"vol-prod-1\") }"}'""";

    [Fact]
    public void RailwayVolumeDelete_ApprovedOnce_RunsExactlyOnceAndCoversNothingElse()
    {
        using var gateway = GatewayProcess.Start();
        var agent = gateway.CreateToken("agent", "claude-bot");
        var approverOfSameName = gateway.CreateToken("approver", "claude-bot");
        var alice = gateway.CreateToken("approver", "alice");
        var hook = gateway.HookEnvironment(agent);

        var first = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", VolumeDelete), hook);
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", first));
        Assert.Contains("Approval pending: request apr_", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("then run exactly the same command again", first.Stdout, StringComparison.Ordinal);
        var id = PendingId(gateway, alice);

        // The agent cannot approve its own request: not with its agent token, not with an approver token of the same principal.
        var byAgent = AirlockProcess.Run(["approvals", "approve", id, "--server", gateway.Url.ToString(), "--token", agent]);
        Assert.Equal(1, byAgent.ExitCode);
        Assert.Contains("403", byAgent.Stderr, StringComparison.Ordinal);
        var bySamePrincipal = AirlockProcess.Run(["approvals", "approve", id, "--server", gateway.Url.ToString(), "--token", approverOfSameName]);
        Assert.Equal(1, bySamePrincipal.ExitCode);
        Assert.Contains("403", bySamePrincipal.Stderr, StringComparison.Ordinal);

        var show = AirlockProcess.Run(["approvals", "show", id, "--server", gateway.Url.ToString(), "--token", alice]);
        Assert.Contains("volumeDelete", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("claude-bot", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("graphql.mutation.delete", show.Stdout, StringComparison.Ordinal);

        var approve = AirlockProcess.Run(["approvals", "approve", id, "--server", gateway.Url.ToString(), "--token", alice, "--reason", "volume is being retired"]);
        Assert.True(approve.ExitCode == 0, approve.Stderr);
        Assert.Contains("Approved", approve.Stdout, StringComparison.Ordinal);

        var retry = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", VolumeDelete), hook);
        Assert.Equal("allow", HookAnswer.Outcome("claude-code", retry));

        var secondRetry = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", VolumeDelete), hook);
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", secondRetry));
        Assert.DoesNotContain(id, secondRetry.Stdout, StringComparison.Ordinal);

        var otherVolume = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", VolumeDelete.Replace("vol-prod-1", "vol-prod-2", StringComparison.Ordinal)), hook);
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", otherVolume));
        Assert.Contains("Approval pending", otherVolume.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalOfOneTable_DoesNotCoverAnother()
    {
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var dropA = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE a" """);
        var dropB = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE b" """);

        var id = Decide(agent, dropA)["approval"]!["id"]!.GetValue<string>();
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject()).Status);

        Assert.Equal("approve", Decide(agent, dropB)["decision"]!.GetValue<string>());
        var granted = Decide(agent, dropA);
        Assert.Equal("allow", granted["decision"]!.GetValue<string>());
        Assert.Equal("approval_granted", granted["reason_code"]!.GetValue<string>());
    }

    [Fact]
    public void TwoApproversRequired_OneApproverTwice_IsNotEnough()
    {
        using var gateway = GatewayProcess.Start(policy: "version: 1\napprovals:\n  approvers: 2\n");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        using var aliceAgain = gateway.Client(gateway.CreateToken("approver", "alice"));
        using var bob = gateway.Client(gateway.CreateToken("approver", "bob"));
        var drop = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE users" """);
        var id = Decide(agent, drop)["approval"]!["id"]!.GetValue<string>();

        var one = GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject());
        Assert.Equal("pending", one.Body!["status"]!.GetValue<string>());
        Assert.Equal(409, GatewayJson.Post(aliceAgain, $"v1/approvals/{id}/approve", new JsonObject()).Status);
        Assert.Equal("approve", Decide(agent, drop)["decision"]!.GetValue<string>());

        var two = GatewayJson.Post(bob, $"v1/approvals/{id}/approve", new JsonObject());
        Assert.Equal("approved", two.Body!["status"]!.GetValue<string>());
        Assert.Equal("allow", Decide(agent, drop)["decision"]!.GetValue<string>());
    }

    [Fact]
    public void TypedConfirmation_WrongOrMissingText_IsRefused()
    {
        using var gateway = GatewayProcess.Start(policy: "version: 1\napprovals:\n  confirm: target\n");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        var alice = gateway.CreateToken("approver", "alice");
        var approval = Decide(agent, GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE invoices" """))["approval"]!;
        var id = approval["id"]!.GetValue<string>();
        var expected = approval["confirm_text"]!.GetValue<string>();
        Assert.Contains("invoices", expected, StringComparison.Ordinal);

        var missing = AirlockProcess.Run(["approvals", "approve", id, "--server", gateway.Url.ToString(), "--token", alice]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("confirmation", missing.Stderr, StringComparison.Ordinal);
        var wrong = AirlockProcess.Run(["approvals", "approve", id, "--server", gateway.Url.ToString(), "--token", alice, "--confirm", "orders"]);
        Assert.Equal(1, wrong.ExitCode);
        var right = AirlockProcess.Run(["approvals", "approve", id, "--server", gateway.Url.ToString(), "--token", alice, "--confirm", expected]);
        Assert.True(right.ExitCode == 0, right.Stderr);
    }

    [Fact]
    public void PendingRequest_PastItsExpiry_CannotBeApprovedAndTheRetryAsksAgain()
    {
        using var gateway = GatewayProcess.Start(policy: "version: 1\napprovals:\n  expires: 1s\n");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var drop = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE sessions" """);
        var id = Decide(agent, drop)["approval"]!["id"]!.GetValue<string>();

        Eventually(() => GatewayJson.Get(alice, $"v1/approvals/{id}").Body!["status"]!.GetValue<string>() == "expired", "the request expires");
        Assert.Equal(409, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject()).Status);
        var again = Decide(agent, drop);
        Assert.Equal("approve", again["decision"]!.GetValue<string>());
        Assert.NotEqual(id, again["approval"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void CoolingOff_AnyApproverCancels_GrantNeverUsable()
    {
        using var gateway = GatewayProcess.Start(policy: "version: 1\napprovals:\n  cooling_off: 1h\n");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        var bob = gateway.CreateToken("approver", "bob");
        var drop = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE payments" """);
        var id = Decide(agent, drop)["approval"]!["id"]!.GetValue<string>();

        var approved = GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject());
        Assert.Equal("approved", approved.Body!["status"]!.GetValue<string>());
        var during = Decide(agent, drop);
        Assert.Equal("approve", during["decision"]!.GetValue<string>());
        Assert.Equal(id, during["approval"]!["id"]!.GetValue<string>());

        var cancel = AirlockProcess.Run(["approvals", "cancel", id, "--server", gateway.Url.ToString(), "--token", bob, "--reason", "wrong database"]);
        Assert.True(cancel.ExitCode == 0, cancel.Stderr);
        Assert.Equal("cancelled", GatewayJson.Get(alice, $"v1/approvals/{id}").Body!["status"]!.GetValue<string>());
        var after = Decide(agent, drop);
        Assert.Equal("approve", after["decision"]!.GetValue<string>());
        Assert.NotEqual(id, after["approval"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Rejection_IsTheAnswerToTheIdenticalRetry()
    {
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        var alice = gateway.CreateToken("approver", "alice");
        var drop = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE audit" """);
        var id = Decide(agent, drop)["approval"]!["id"]!.GetValue<string>();

        var reject = AirlockProcess.Run(["approvals", "reject", id, "--server", gateway.Url.ToString(), "--token", alice, "--reason", "we keep audit tables"]);
        Assert.True(reject.ExitCode == 0, reject.Stderr);
        var retry = Decide(agent, drop);
        Assert.Equal("deny", retry["decision"]!.GetValue<string>());
        Assert.Equal("approval_rejected", retry["reason_code"]!.GetValue<string>());
        Assert.Contains("we keep audit tables", retry["agent_message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HookWithWait_ApprovedWhileWaiting_IsAllowed()
    {
        using var gateway = GatewayProcess.Start();
        var agent = gateway.CreateToken("agent", "bot");
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));
        const string Command = """psql "$PROD_DATABASE_URL" -c "TRUNCATE events" """;

        var waiting = Task.Run(() => AirlockProcess.Run(["hook", "claude-code", "--wait", "40"], Payloads.Shell("claude-code", Command), gateway.HookEnvironment(agent)));
        string? id = null;
        Eventually(() => (id = FirstPending(alice)) is not null, "the hook's request appears");
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject()).Status);

        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("allow", HookAnswer.Outcome("claude-code", answer));
    }

    [Fact]
    public void UnreachableGateway_ApproveFailsClosed_ReadsStillPass()
    {
        var nowhere = new Dictionary<string, string> { ["AIRLOCK_SERVER"] = "http://127.0.0.1:9", ["AIRLOCK_TOKEN"] = "alk_agent_x" };
        var destructive = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", VolumeDelete), nowhere);
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", destructive));
        Assert.Contains("approval_unavailable", destructive.Stdout, StringComparison.Ordinal);
        Assert.Contains("did not answer", destructive.Stdout, StringComparison.Ordinal);

        var read = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", "git status"), nowhere);
        Assert.Equal("allow", HookAnswer.Outcome("claude-code", read));
    }

    [Fact]
    public void RevokedAgentToken_GatewayRefuses_HookFailsClosed()
    {
        using var gateway = GatewayProcess.Start();
        var agent = gateway.CreateToken("agent", "bot");
        using var admin = gateway.Client(gateway.AdminToken);
        var id = GatewayJson.Get(admin, "v1/tokens").Body!.AsArray().First(t => t!["name"]!.GetValue<string>() == "bot")!["id"]!.GetValue<string>();
        var revoke = AirlockProcess.Run(["token", "revoke", id, "--server", gateway.Url.ToString(), "--token", gateway.AdminToken]);
        Assert.True(revoke.ExitCode == 0, revoke.Stderr);

        var answer = AirlockProcess.Run(["hook", "claude-code"], Payloads.Shell("claude-code", VolumeDelete), gateway.HookEnvironment(agent));
        Assert.Equal("deny", HookAnswer.Outcome("claude-code", answer));
        Assert.Contains("401", answer.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopedAgentToken_OutsideItsEnvironment_IsDenied()
    {
        using var gateway = GatewayProcess.Start();
        using var devOnly = gateway.Client(gateway.CreateToken("agent", "dev-bot", "env:dev", "env:local"));
        using var bashOnly = gateway.Client(gateway.CreateToken("agent", "bash-bot", "tool:Bash"));

        var prod = Decide(devOnly, GatewayJson.Shell("kubectl --context prod-cluster delete deployment api"));
        Assert.Equal("deny", prod["decision"]!.GetValue<string>());
        Assert.Equal("out_of_scope", prod["reason_code"]!.GetValue<string>());
        Assert.Equal("allow", Decide(devOnly, GatewayJson.Shell("git status"))["decision"]!.GetValue<string>());

        var write = new JsonObject { ["tool"] = "Write", ["input"] = new JsonObject { ["file_path"] = "/srv/app/a.txt", ["content"] = "x" }, ["cwd"] = "/srv/app" };
        Assert.Equal("out_of_scope", Decide(bashOnly, write)["reason_code"]!.GetValue<string>());
    }

    [Fact]
    public void IdempotencyKey_SameBodyReplays_DifferentBodyIs422()
    {
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        var body = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE carts" """);

        var first = GatewayJson.Post(agent, "v1/decide", body, idempotencyKey: "key-1");
        var replay = GatewayJson.Post(agent, "v1/decide", body, idempotencyKey: "key-1");
        Assert.Equal(200, replay.Status);
        Assert.Equal(first.Body!.ToJsonString(), replay.Body!.ToJsonString());
        Assert.True(replay.Response.Headers.Contains("Idempotent-Replayed"));

        var other = GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell("git status"), idempotencyKey: "key-1");
        Assert.Equal(422, other.Status);
        Assert.Equal("idempotency_key_reused", other.Body!["code"]!.GetValue<string>());
    }

    [Fact]
    public void Tokens_WrongRoleOrNone_AreRefused()
    {
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var approver = gateway.Client(gateway.CreateToken("approver", "alice"));
        using var anonymous = new HttpClient { BaseAddress = gateway.Url };

        Assert.Equal(401, GatewayJson.Post(anonymous, "v1/decide", GatewayJson.Shell("ls")).Status);
        Assert.Equal(403, GatewayJson.Post(approver, "v1/decide", GatewayJson.Shell("ls")).Status);
        Assert.Equal(403, GatewayJson.Get(agent, "v1/approvals").Status);
        Assert.Equal(403, GatewayJson.Post(approver, "v1/tokens", new JsonObject { ["role"] = "admin", ["name"] = "mallory" }).Status);
        // The admin token is printed once at first start and never again, in no log line.
        Assert.Single(gateway.Output.Split('\n'), line => line.Contains(gateway.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public void PendingRequest_SurvivesAKill_AndCanBeApprovedAfterRestart()
    {
        using var gateway = GatewayProcess.Start();
        var agentToken = gateway.CreateToken("agent", "bot");
        var aliceToken = gateway.CreateToken("approver", "alice");
        var drop = GatewayJson.Shell("""psql "$PROD_DATABASE_URL" -c "DROP TABLE ledger" """);
        string id;
        using (var agent = gateway.Client(agentToken))
        {
            id = Decide(agent, drop)["approval"]!["id"]!.GetValue<string>();
        }

        gateway.Restart();
        using var alice = gateway.Client(aliceToken);
        using var agentAfter = gateway.Client(agentToken);
        Assert.Equal("pending", GatewayJson.Get(alice, $"v1/approvals/{id}").Body!["status"]!.GetValue<string>());
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new JsonObject()).Status);
        Assert.Equal("allow", Decide(agentAfter, drop)["decision"]!.GetValue<string>());
    }

    private static JsonNode Decide(HttpClient agent, JsonNode body)
    {
        var (status, answer, _) = GatewayJson.Post(agent, "v1/decide", body);
        Assert.True(status == 200, answer?.ToJsonString());
        return answer!;
    }

    private static string PendingId(GatewayProcess gateway, string approverToken)
    {
        using var client = gateway.Client(approverToken);
        return FirstPending(client) ?? throw new InvalidOperationException("no pending approval request");
    }

    private static string? FirstPending(HttpClient approver) =>
        GatewayJson.Get(approver, "v1/approvals?status=pending").Body!.AsArray().FirstOrDefault()?["id"]!.GetValue<string>();

    private static void Eventually(Func<bool> condition, string what)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < limit, $"timed out waiting until {what}");
            Thread.Sleep(100);
        }
    }
}
