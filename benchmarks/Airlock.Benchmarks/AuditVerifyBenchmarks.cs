using System.Globalization;
using System.Text;
using Airlock.Audit;
using BenchmarkDotNet.Attributes;

namespace Airlock.Benchmarks;

/// <summary>
/// <c>airlock audit verify</c>'s engine on a bundle of 200,000 decision records shaped like the gateway's
/// (about 800 bytes each, with operations, redaction notes and links), a signed checkpoint every 1,000
/// records with consistency proofs between them, read from memory. Records per second = 200,000 / mean.
/// </summary>
[MemoryDiagnoser]
public class AuditVerifyBenchmarks
{
    private const int Records = 200_000;
    private const int CheckpointEvery = 1_000;
    private byte[] _bundle = [];

    [GlobalSetup]
    public void Setup()
    {
        const string Origin = "airlock/benchmark";
        using var key = AuditSigningKey.Generate(Origin);
        var records = new List<byte[]>(Records);
        var leaves = new List<byte[]>(Records);
        for (var i = 0; i < Records; i++)
        {
            var record = Encoding.UTF8.GetBytes(Record(i));
            records.Add(record);
            leaves.Add(MerkleHash.Leaf(record));
        }

        var tree = new MerkleTree(leaves);
        var start = DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture);
        using var output = new MemoryStream();
        using (var writer = new AuditBundleWriter(output))
        {
            writer.WriteHeader(new BundleHeader(Origin, start.AddSeconds(Records / CheckpointEvery), 0, Records, Records, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
            writer.WriteKey(new BundleKey(Origin, key.PublicKey.Fingerprint, key.PublicKey.Pem, start, null));
            for (var size = CheckpointEvery; size <= Records; size += CheckpointEvery)
            {
                var checkpoint = new Checkpoint(Origin, size, tree.Root(size), [AuditBundleFormat.TimeExtension + start.AddSeconds(size / CheckpointEvery).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]);
                writer.WriteCheckpoint(key.SignNote(checkpoint.ToBody()));
            }

            for (var size = 2 * CheckpointEvery; size <= Records; size += CheckpointEvery)
            {
                writer.WriteConsistency(size - CheckpointEvery, size, tree.ConsistencyProof(size - CheckpointEvery, size));
            }

            writer.WriteInclusion(0, Records, tree.InclusionProof(0, Records));
            writer.WriteInclusion(Records - 1, Records, tree.InclusionProof(Records - 1, Records));
            for (var i = 0; i < Records; i++)
            {
                writer.WriteRecord(i, leaves[i], records[i]);
            }
        }

        _bundle = output.ToArray();
        var report = Verify();
        if (!report.Ok || report.RecordsValid != Records)
        {
            throw new InvalidOperationException($"The benchmark bundle does not verify: {report.Findings.FirstOrDefault()?.Message}");
        }
    }

    [Benchmark]
    public BundleReport Verify()
    {
        using var input = new MemoryStream(_bundle, writable: false);
        return new AuditBundleVerifier().Verify(input);
    }

    private static string Record(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"seq":{{i}},"time":"2026-11-22T10:{{i / 60000 % 60:00}}:{{i / 1000 % 60:00}}.{{i % 1000:000}}Z","type":"decision","tenant":"default","workspace":"default","agent":"ci-bot-{{i % 7}}","session":"sess-{{i / 50}}","client":"claude-code","decision_id":"dec_0194f3a2b7c84e0f9a{{i:0000000000}}","tool":"Bash","input":{"command":"psql \"postgres://admin:[REDACTED:password]@db-{{i % 13}}.prod.example.com/app\" -c \"DELETE FROM sessions WHERE created_at < now() - interval '30 days'\"","description":"Clean old sessions"},"cwd":"/srv/app","outcome":"{{(i % 5 == 0 ? "deny" : "allow")}}","reason_code":"{{(i % 5 == 0 ? "production_destructive" : "read_only")}}","rule":"production-irreversible (built-in:101)","operations":[{"kind":"database.delete_rows","verb":"delete","target":"sessions on db-{{i % 13}}.prod.example.com","environment":"prod","reversibility":"irreversible","blast_radius":"table","evidence":"DELETE FROM sessions WHERE …","outcome":"approve"}],"redactions":[{"path":"$.input.command","kind":"password"}]}
        """);
}
