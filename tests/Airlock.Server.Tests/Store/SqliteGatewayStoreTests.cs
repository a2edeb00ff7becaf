using Airlock.Server.Auth;
using Airlock.Server.Store;
using Airlock.Server.Store.Sqlite;

namespace Airlock.Server.Tests.Store;

/// <summary>The store's compare-and-set steps, on a real SQLite file: what makes exactly-once hold.</summary>
public sealed class SqliteGatewayStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "airlock-store-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteGatewayStore _store;

    public SqliteGatewayStoreTests()
    {
        _store = new SqliteGatewayStore(Path.Combine(_folder, "airlock.db"));
        _store.Initialize();
    }

    [Fact]
    public async Task ConsumeGrant_Twice_OnlyTheFirstSucceeds()
    {
        await _store.WriteAsync(tx => { tx.AddApproval(Approval("apr_1")); tx.AddGrant(Grant("grt_1", "apr_1")); return 0; }, CancellationToken.None);

        Assert.True(await _store.WriteAsync(tx => tx.ConsumeGrant("grt_1", Now, "dec_1"), CancellationToken.None));
        Assert.False(await _store.WriteAsync(tx => tx.ConsumeGrant("grt_1", Now, "dec_2"), CancellationToken.None));
        var grant = await _store.ReadAsync(r => r.GrantForApproval("apr_1"), CancellationToken.None);
        Assert.Equal("dec_1", grant!.ConsumedBy);
    }

    [Fact]
    public async Task ConcurrentConsumers_ExactlyOneWins()
    {
        await _store.WriteAsync(tx => { tx.AddApproval(Approval("apr_2")); tx.AddGrant(Grant("grt_2", "apr_2")); return 0; }, CancellationToken.None);
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(() => _store.WriteAsync(tx => tx.ConsumeGrant("grt_2", Now, $"dec_{i}"), CancellationToken.None)));
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task TransitionApproval_FromAStatusItIsNotIn_ChangesNothing()
    {
        await _store.WriteAsync(tx => { tx.AddApproval(Approval("apr_3")); return 0; }, CancellationToken.None);

        Assert.False(await _store.WriteAsync(tx => tx.TransitionApproval("apr_3", ApprovalStatus.Approved, ApprovalStatus.Consumed, Now, null, null), CancellationToken.None));
        Assert.True(await _store.WriteAsync(tx => tx.TransitionApproval("apr_3", ApprovalStatus.Pending, ApprovalStatus.Rejected, Now, "alice", "no"), CancellationToken.None));
        Assert.False(await _store.WriteAsync(tx => tx.TransitionApproval("apr_3", ApprovalStatus.Pending, ApprovalStatus.Approved, Now, "bob", null), CancellationToken.None));
        var stored = await _store.ReadAsync(r => r.Approval("apr_3"), CancellationToken.None);
        Assert.Equal(ApprovalStatus.Rejected, stored!.Status);
        Assert.Equal("alice", stored.ResolvedBy);
    }

    [Fact]
    public async Task FailedWork_WritesNothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<int>(tx =>
        {
            tx.AddApproval(Approval("apr_4"));
            throw new InvalidOperationException("boom");
        }, CancellationToken.None));

        Assert.Null(await _store.ReadAsync(r => r.Approval("apr_4"), CancellationToken.None));
    }

    [Fact]
    public async Task SameVoteTwice_SecondIsRefused_OtherApproverCounts()
    {
        await _store.WriteAsync(tx => { tx.AddApproval(Approval("apr_5")); return 0; }, CancellationToken.None);
        Assert.True(await _store.WriteAsync(tx => tx.AddVote(new VoteRecord("apr_5", "alice", "tok_a", "approve", null, Now)), CancellationToken.None));
        Assert.False(await _store.WriteAsync(tx => tx.AddVote(new VoteRecord("apr_5", "alice", "tok_a2", "approve", null, Now)), CancellationToken.None));
        Assert.True(await _store.WriteAsync(tx => tx.AddVote(new VoteRecord("apr_5", "bob", "tok_b", "approve", null, Now)), CancellationToken.None));
        Assert.Equal(2, (await _store.ReadAsync(r => r.Votes("apr_5"), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task PreparedStatement_AfterItFailedInARolledBackTransaction_BindsFreshValues()
    {
        // The writer keeps each statement prepared across transactions; a failed run must not leave old values or a broken statement behind.
        var first = new TokenRecord { Id = "tok_p1", Hash = "hash_p1", Name = "one", Role = Role.Agent, Tenant = "t", Workspace = "w", Scope = [], CreatedAt = Now };
        await _store.WriteAsync(tx => { tx.AddToken(first); return 0; }, CancellationToken.None);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => _store.WriteAsync(tx => { tx.AddToken(first with { Id = "tok_p2" }); return 0; }, CancellationToken.None));
        await _store.WriteAsync(tx => { tx.AddToken(first with { Id = "tok_p3", Hash = "hash_p3", Name = "three" }); return 0; }, CancellationToken.None);

        var tokens = await _store.ReadAsync(r => r.Tokens(), CancellationToken.None);
        Assert.Equal(["one", "three"], tokens.Select(t => t.Name));
        Assert.Equal("hash_p3", tokens[1].Hash);
    }

    [Fact]
    public async Task Tokens_AreFoundByHashOnly_AndRevokedOnce()
    {
        var token = new TokenRecord { Id = "tok_1", Hash = TokenSecrets.Hash("alk_agent_secret"), Name = "bot", Role = Role.Agent, Tenant = "t", Workspace = "w", Scope = ["env:dev"], CreatedAt = Now };
        await _store.WriteAsync(tx => { tx.AddToken(token); return 0; }, CancellationToken.None);

        var found = await _store.ReadAsync(r => r.TokenByHash(TokenSecrets.Hash("alk_agent_secret")), CancellationToken.None);
        Assert.Equal(["env:dev"], found!.Scope);
        Assert.True(await _store.WriteAsync(tx => tx.RevokeToken("tok_1", Now, "admin"), CancellationToken.None));
        Assert.False(await _store.WriteAsync(tx => tx.RevokeToken("tok_1", Now, "admin"), CancellationToken.None));
        Assert.DoesNotContain("alk_agent_secret", File.ReadAllText(Path.Combine(_folder, "airlock.db")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ApprovalRecord Approval(string id) => new()
    {
        Id = id,
        Fingerprint = "fp-" + id,
        Status = ApprovalStatus.Pending,
        Tenant = "t",
        Workspace = "w",
        Agent = "bot",
        Tool = "Bash",
        Input = """{"command":"psql -c 'DROP TABLE a'"}""",
        DecisionId = "dec_0",
        Environment = "prod",
        ReasonCode = "production_destructive",
        Rule = "production-irreversible",
        Summary = "drops a",
        Operations = "[]",
        ApprovalsRequired = 1,
        CoolingOff = TimeSpan.Zero,
        GrantTtl = TimeSpan.FromMinutes(15),
        CreatedAt = Now,
        ExpiresAt = Now.AddHours(1),
    };

    private static GrantRecord Grant(string id, string approvalId) => new()
    {
        Id = id,
        ApprovalId = approvalId,
        Fingerprint = "fp-" + approvalId,
        UsableAt = Now,
        ExpiresAt = Now.AddMinutes(15),
    };
}
