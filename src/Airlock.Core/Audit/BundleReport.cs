using System.Text.Json;

namespace Airlock.Audit;

/// <summary>The result of verifying a bundle: counts, the checkpoints and keys it relied on, and every finding.</summary>
public sealed class BundleReport
{
    public BundleHeader? Header { get; set; }

    /// <summary>The records the bundle says it holds (to_seq − from_seq).</summary>
    public long RecordsExpected { get; set; }

    public long RecordsRead { get; set; }

    /// <summary>Records that are well-formed, in place, not flagged, and covered by a checkpoint whose signature and root hold.</summary>
    public long RecordsValid { get; set; }

    public int CheckpointsVerified { get; set; }
    public int CheckpointsTotal { get; set; }
    public int ProofsVerified { get; set; }

    /// <summary>Size, signing time and key fingerprint of the newest checkpoint that verified.</summary>
    public (long Size, DateTimeOffset? At, string Fingerprint)? LastCheckpoint { get; set; }

    /// <summary>The fingerprints trusted, and why: "pinned", "bundle" (no --public-key given) or "endorsed" (introduced by a trusted key).</summary>
    public List<(string Fingerprint, string Trust)> Keys { get; } = [];

    public List<BundleFinding> Findings { get; } = [];

    public bool Ok => Findings.Count == 0 && Header is not null;

    public void Add(string kind, string message, long? seq = null) => Findings.Add(new BundleFinding(kind, message, seq));

    /// <summary>The report as indented JSON: what <c>airlock audit verify --json</c> prints and the dashboard shows.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", Ok);
            json.WriteNumber("records_expected", RecordsExpected);
            json.WriteNumber("records_read", RecordsRead);
            json.WriteNumber("records_valid", RecordsValid);
            json.WriteNumber("checkpoints_verified", CheckpointsVerified);
            json.WriteNumber("checkpoints_total", CheckpointsTotal);
            json.WriteNumber("proofs_verified", ProofsVerified);
            if (Header is { } header)
            {
                json.WriteString("origin", header.Origin);
                json.WriteNumber("from_seq", header.FromSeq);
                json.WriteNumber("to_seq", header.ToSeq);
                json.WriteNumber("log_size", header.LogSize);
            }

            if (LastCheckpoint is { } last)
            {
                json.WriteStartObject("last_checkpoint");
                json.WriteNumber("size", last.Size);
                if (last.At is { } at)
                {
                    json.WriteString("signed_at", at);
                }

                json.WriteString("key", last.Fingerprint);
                json.WriteEndObject();
            }

            json.WriteStartArray("keys");
            foreach (var (fingerprint, trust) in Keys)
            {
                json.WriteStartObject();
                json.WriteString("fingerprint", fingerprint);
                json.WriteString("trust", trust);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in Findings)
            {
                json.WriteStartObject();
                json.WriteString("kind", finding.Kind);
                if (finding.Seq is { } seq)
                {
                    json.WriteNumber("seq", seq);
                }

                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
