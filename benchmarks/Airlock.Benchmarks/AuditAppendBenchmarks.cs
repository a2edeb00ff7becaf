using Airlock.Server.Audit;
using Airlock.Server.Store;
using Airlock.Server.Store.Sqlite;
using BenchmarkDotNet.Attributes;

namespace Airlock.Benchmarks;

/// <summary>
/// Audit appends as the gateway makes them: decision records group-committed in one SQLite transaction
/// (WAL, synchronous=FULL: one fsync per batch) through the audited store, which builds each record's
/// JSON, hashes it and inserts it beside the decision row. The database is a real file in TMPDIR.
/// Records per second = Batch / mean. The gateway's recorder batches whatever is queued (up to 512).
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private string _folder = "";
    private IGatewayStore _store = null!;
    private long _next;

    [Params(1, 64, 512)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "airlock-append-" + Guid.NewGuid().ToString("N"));
        _store = new AuditedGatewayStore(new SqliteGatewayStore(Path.Combine(_folder, "airlock.db")), TimeProvider.System);
        _store.Initialize();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public int AppendBatch() => _store.WriteAsync(tx =>
    {
        for (var i = 0; i < Batch; i++)
        {
            tx.AddDecision(Decision(_next++));
        }

        return Batch;
    }, CancellationToken.None).GetAwaiter().GetResult();

    private static DecisionRecord Decision(long n) => new()
    {
        Id = $"dec_{n:x20}",
        At = DateTimeOffset.UtcNow,
        Tenant = "default",
        Workspace = "default",
        Agent = "ci-bot",
        Session = $"sess-{n / 50}",
        Client = "claude-code",
        Tool = "Bash",
        Input = """{"command":"psql \"postgres://admin:[REDACTED:password]@db.prod.example.com/app\" -c \"DELETE FROM sessions WHERE created_at < now() - interval '30 days'\""}""",
        Cwd = "/srv/app",
        Outcome = "deny",
        ReasonCode = "production_destructive",
        Rule = "production-irreversible (built-in:101)",
        Operations = """[{"kind":"database.delete_rows","verb":"delete","target":"sessions on db.prod.example.com","environment":"prod","reversibility":"irreversible","blast_radius":"table","evidence":"DELETE FROM sessions WHERE …","outcome":"approve"}]""",
        Redactions = [new Airlock.Redaction.RedactionNote("$.input.command", "password")],
    };
}
