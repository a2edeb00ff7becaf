using System.Globalization;
using System.Text.Json;

namespace Airlock.Audit;

/// <summary>
/// Verifies an audit bundle offline: every record's hash, the tree's root at every checkpoint, every
/// checkpoint's signature against keys the auditor trusts, the consistency and inclusion proofs, the
/// sequence (missing, duplicated, reordered records), the links between records, and whether the last
/// checkpoint is fresh at export time. Records are streamed once; memory is 32 bytes and a few ids per record.
/// </summary>
public sealed class AuditBundleVerifier
{
    private const long MaxRecords = 500_000_000;
    private readonly IReadOnlyList<string> _pinnedKeys;
    private readonly IReadOnlyList<string> _heldCheckpoints;

    /// <param name="pinnedKeys">PEM public keys the auditor trusts; none means the bundle's own keys are used (and the report says so).</param>
    /// <param name="heldCheckpoints">Signed checkpoints obtained earlier (another export, a SIEM): the bundle must be consistent with them.</param>
    public AuditBundleVerifier(IReadOnlyList<string>? pinnedKeys = null, IReadOnlyList<string>? heldCheckpoints = null)
    {
        _pinnedKeys = pinnedKeys ?? [];
        _heldCheckpoints = heldCheckpoints ?? [];
    }

    /// <summary>Called for each record read (sequence number, leaf hash, exact bytes), e.g. to reconcile a SIEM export.</summary>
    public Action<long, byte[], ReadOnlyMemory<byte>>? OnRecord { get; init; }

    public BundleReport Verify(Stream input)
    {
        var report = new BundleReport();
        var lines = new BundleLines(input);
        var preamble = ReadPreamble(lines, report, out var firstRecord);
        if (preamble is null)
        {
            return report;
        }

        var state = new VerifyState(preamble, report);
        state.PrepareSizes(ParseHeld(report));
        var batch = new RecordBatch();
        var line = firstRecord;
        while (!line.IsEmpty || lines.TryRead(out line))
        {
            batch.Add(line.Span, lines.LineNumber);
            line = default;
            if (batch.IsFull)
            {
                state.AddRecords(batch, OnRecord);
                batch.Clear();
            }
        }

        state.AddRecords(batch, OnRecord);

        state.Finish(TrustedKeys(preamble, state, report));
        return report;
    }

    private List<ParsedCheckpoint> ParseHeld(BundleReport report)
    {
        var held = new List<ParsedCheckpoint>();
        foreach (var note in _heldCheckpoints)
        {
            if (ParsedCheckpoint.TryParse(note, out var parsed, out var error))
            {
                held.Add(parsed);
            }
            else
            {
                report.Add(FindingKinds.BundleMalformed, $"A checkpoint you hold cannot be read: {error}.");
            }
        }

        return held;
    }

    private List<AuditPublicKey> TrustedKeys(Preamble preamble, VerifyState state, BundleReport report)
    {
        var trusted = new List<AuditPublicKey>();
        var source = _pinnedKeys.Count > 0 ? _pinnedKeys : preamble.Keys.Select(k => k.Pem).ToList();
        foreach (var pem in source)
        {
            try
            {
                var key = AuditPublicKey.FromPem(preamble.Header.Origin, pem);
                trusted.Add(key);
                report.Keys.Add((key.Fingerprint, _pinnedKeys.Count > 0 ? "pinned" : "bundle"));
            }
            catch (FormatException e)
            {
                report.Add(FindingKinds.BundleMalformed, $"A public key cannot be read: {e.Message}");
            }
        }

        // A rotated key is trusted when a trusted key signed its endorsement, which the log itself carries.
        foreach (var (seq, pem, endorsement) in state.KeyAdditions)
        {
            try
            {
                var key = AuditPublicKey.FromPem(preamble.Header.Origin, pem);
                if (trusted.Any(t => t.Fingerprint == key.Fingerprint) || endorsement is null)
                {
                    continue;
                }

                var verification = SignedNote.Verify(endorsement, trusted);
                if (verification.VerifiedBy.Count > 0 && verification.Body == KeyEndorsement.Body(preamble.Header.Origin, key.Fingerprint))
                {
                    trusted.Add(key);
                    report.Keys.Add((key.Fingerprint, "endorsed"));
                }
            }
            catch (FormatException e)
            {
                report.Add(FindingKinds.RecordMalformed, $"Record {seq} adds a key that cannot be read: {e.Message}", seq);
            }
        }

        return trusted;
    }

    private static Preamble? ReadPreamble(BundleLines lines, BundleReport report, out ReadOnlyMemory<byte> firstRecord)
    {
        firstRecord = default;
        BundleHeader? header = null;
        var keys = new List<(string Fingerprint, string Pem)>();
        var checkpoints = new List<ParsedCheckpoint>();
        var consistency = new List<(long Old, long New, List<byte[]> Proof)>();
        var inclusion = new List<(long Seq, long Size, List<byte[]> Proof)>();
        (long Size, List<byte[]> Hashes)? compact = null;
        while (lines.TryRead(out var line))
        {
            if (line.Span.StartsWith("{\"type\":\"record\","u8))
            {
                firstRecord = line;
                break;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                switch (root.GetProperty("type").GetString())
                {
                    case "bundle":
                        if (root.GetProperty("format").GetString() != AuditBundleFormat.Format)
                        {
                            report.Add(FindingKinds.BundleMalformed, $"This is not an {AuditBundleFormat.Format} file.");
                            return null;
                        }

                        header = new BundleHeader(
                            root.GetProperty("origin").GetString()!,
                            DateTimeOffset.Parse(root.GetProperty("exported_at").GetString()!, CultureInfo.InvariantCulture),
                            root.GetProperty("from_seq").GetInt64(),
                            root.GetProperty("to_seq").GetInt64(),
                            root.GetProperty("log_size").GetInt64(),
                            TimeSpan.FromMilliseconds(root.GetProperty("checkpoint_interval_ms").GetInt64()),
                            TimeSpan.FromMilliseconds(root.GetProperty("heartbeat_ms").GetInt64()));
                        break;
                    case "key":
                        keys.Add((root.GetProperty("fingerprint").GetString()!, root.GetProperty("public_key").GetString()!));
                        break;
                    case "compact_range":
                        compact = (root.GetProperty("size").GetInt64(), Hashes(root.GetProperty("hashes")));
                        break;
                    case "checkpoint":
                        var note = root.GetProperty("note").GetString()!;
                        if (ParsedCheckpoint.TryParse(note, out var parsed, out var error))
                        {
                            checkpoints.Add(parsed);
                        }
                        else
                        {
                            report.Add(FindingKinds.BundleMalformed, $"Line {lines.LineNumber}: a checkpoint cannot be read: {error}.");
                        }

                        break;
                    case "consistency":
                        consistency.Add((root.GetProperty("old_size").GetInt64(), root.GetProperty("new_size").GetInt64(), Hashes(root.GetProperty("proof"))));
                        break;
                    case "inclusion":
                        inclusion.Add((root.GetProperty("seq").GetInt64(), root.GetProperty("tree_size").GetInt64(), Hashes(root.GetProperty("proof"))));
                        break;
                    default:
                        report.Add(FindingKinds.BundleMalformed, $"Line {lines.LineNumber} has an unknown type.");
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                report.Add(FindingKinds.BundleMalformed, $"Line {lines.LineNumber} is not a valid bundle line ({e.GetType().Name}).");
            }
        }

        if (header is null)
        {
            report.Add(FindingKinds.BundleMalformed, "The file has no bundle header; it is not an Airlock audit bundle.");
            return null;
        }

        if (header.FromSeq < 0 || header.ToSeq < header.FromSeq || header.ToSeq - header.FromSeq > MaxRecords || header.LogSize < header.ToSeq)
        {
            report.Add(FindingKinds.BundleMalformed, $"The header's range [{header.FromSeq}, {header.ToSeq}) of a log of {header.LogSize} records is impossible.");
            return null;
        }

        report.Header = header;
        report.RecordsExpected = header.ToSeq - header.FromSeq;
        return new Preamble(header, keys, compact, checkpoints, consistency, inclusion);
    }

    private static List<byte[]> Hashes(JsonElement array) => [.. array.EnumerateArray().Select(h => h.GetBytesFromBase64())];
}
