using System.Text;
using Airlock.Audit;
using Airlock.Server.Audit;
using Airlock.Server.Auth;
using Airlock.Server.Store;
using Airlock.Server.Store.Sqlite;

namespace Airlock.Server.Tests.Audit;

/// <summary>The audited store on a real SQLite file: a record per state change, in the same transaction, numbered without gaps.</summary>
public sealed class AuditedTransactionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "airlock-audit-" + Guid.NewGuid().ToString("N"));
    private readonly AuditedGatewayStore _store;

    public AuditedTransactionTests()
    {
        _store = new AuditedGatewayStore(new SqliteGatewayStore(Path.Combine(_folder, "airlock.db")), TimeProvider.System);
        _store.Initialize();
    }

    [Fact]
    public async Task RolledBackTransaction_LeavesNoRecord_AndNoGap()
    {
        await _store.WriteAsync(tx => { tx.AddToken(Token("tok_1")); return 0; }, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<int>(tx =>
        {
            tx.AddToken(Token("tok_2"));
            throw new InvalidOperationException("the change fails after its record was appended");
        }, CancellationToken.None));
        await _store.WriteAsync(tx => { tx.AddToken(Token("tok_3")); tx.RevokeToken("tok_3", Now, "admin"); return 0; }, CancellationToken.None);

        var rows = await _store.ReadAsync(r => r.AuditRecords(new AuditQuery()), CancellationToken.None);
        Assert.Equal([0L, 1L, 2L], rows.Select(r => r.Seq));
        Assert.Equal(["token.created", "token.created", "token.revoked"], rows.Select(r => r.Type));
        Assert.DoesNotContain(rows, r => Encoding.UTF8.GetString(r.Bytes).Contains("tok_2", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(MerkleHash.Leaf(r.Bytes), r.LeafHash));
        Assert.All(rows, r => Assert.DoesNotContain((byte)'\n', r.Bytes));
    }

    [Fact]
    public async Task ProxyCredentialChanges_AreRecordedByRouteAndActor_WithoutTheCredential()
    {
        var sealedBytes = Encoding.UTF8.GetBytes("sealed-credential-bytes");
        await _store.WriteAsync(tx =>
        {
            tx.Proxy.SetCredential(new ProxyCredentialRecord { Route = "railway", Sealed = sealedBytes, UpdatedAt = Now, UpdatedBy = "tok_admin" });
            Assert.True(tx.Proxy.DeleteCredential("railway", Now, "tok_other_admin"));
            // Nothing deleted, nothing recorded.
            Assert.False(tx.Proxy.DeleteCredential("railway", Now, "tok_other_admin"));
            return 0;
        }, CancellationToken.None);

        var rows = await _store.ReadAsync(r => r.AuditRecords(new AuditQuery()), CancellationToken.None);
        Assert.Equal(["proxy.credential.set", "proxy.credential.deleted"], rows.Select(r => r.Type));
        Assert.All(rows, r => Assert.Equal("railway", r.Reference));
        var texts = rows.Select(r => Encoding.UTF8.GetString(r.Bytes)).ToList();
        Assert.Contains("\"actor\":\"tok_admin\"", texts[0], StringComparison.Ordinal);
        Assert.Contains("\"actor\":\"tok_other_admin\"", texts[1], StringComparison.Ordinal);
        Assert.All(texts, t => Assert.DoesNotContain("sealed", t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(Convert.ToBase64String(sealedBytes), t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusedTransition_IsNotRecorded_AndGrantRecordsLinkBackToTheApproval()
    {
        await _store.WriteAsync(tx =>
        {
            tx.AddApproval(Approval("apr_1"));
            Assert.True(tx.TransitionApproval("apr_1", ApprovalStatus.Pending, ApprovalStatus.Approved, Now, "alice", null));
            Assert.False(tx.TransitionApproval("apr_1", ApprovalStatus.Pending, ApprovalStatus.Rejected, Now, "bob", null));
            tx.AddGrant(new GrantRecord { Id = "grt_1", ApprovalId = "apr_1", Fingerprint = "f", UsableAt = Now, ExpiresAt = Now.AddMinutes(15) });
            Assert.True(tx.ConsumeGrant("grt_1", Now, "dec_1"));
            return 0;
        }, CancellationToken.None);

        var rows = await _store.ReadAsync(r => r.AuditRecords(new AuditQuery()), CancellationToken.None);
        Assert.Equal(["approval.requested", "approval.approved", "grant.issued", "grant.consumed"], rows.Select(r => r.Type));
        Assert.Contains("\"links\":{\"approval\":1}", Encoding.UTF8.GetString(rows[2].Bytes), StringComparison.Ordinal);
        Assert.Contains("\"links\":{\"grant\":2}", Encoding.UTF8.GetString(rows[3].Bytes), StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal("agent-1", r.Agent));
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static TokenRecord Token(string id) => new() { Id = id, Hash = "h" + id, Name = "bot", Role = Role.Agent, Tenant = "t", Workspace = "w", CreatedAt = Now, CreatedBy = "admin" };

    private static ApprovalRecord Approval(string id) => new()
    {
        Id = id,
        Fingerprint = "f",
        Status = ApprovalStatus.Pending,
        Tenant = "t",
        Workspace = "w",
        Agent = "agent-1",
        Session = "s1",
        Tool = "Bash",
        Input = "{}",
        DecisionId = "dec_0",
        Environment = "prod",
        ReasonCode = "production_destructive",
        Rule = "r",
        Summary = "s",
        Operations = "[]",
        ApprovalsRequired = 1,
        CoolingOff = TimeSpan.Zero,
        GrantTtl = TimeSpan.FromMinutes(15),
        CreatedAt = Now,
        ExpiresAt = Now.AddHours(1),
    };
}
