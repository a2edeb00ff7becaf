using System.Text.Json;

namespace Airlock.Audit;

/// <summary>
/// Compares a SIEM export (one event per line, Splunk HEC or OCSF, as Airlock produced them) with the
/// records of a verified bundle: names the records missing there, the events there that the bundle does
/// not hold, and the events whose content differs from what the record says. An event is compared with
/// the event Airlock would produce from the bundle's record, as JSON values, so key order and number
/// formatting in the SIEM do not matter but any changed field does.
/// </summary>
public sealed class SiemReconciler(string origin)
{
    private readonly Dictionary<long, (byte[] Leaf, byte[] Record)> _records = [];

    /// <summary>Pass to <see cref="AuditBundleVerifier.OnRecord"/>.</summary>
    public void Add(long seq, byte[] leaf, ReadOnlyMemory<byte> record) => _records.TryAdd(seq, (leaf, record.ToArray()));

    public void Reconcile(Stream siem, BundleReport report)
    {
        var seen = new HashSet<long>();
        var lines = new BundleLines(siem);
        while (lines.TryRead(out var line))
        {
            if (line.Span.Trim(" \r\t"u8).IsEmpty)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                report.Add(FindingKinds.SiemMalformed, $"SIEM line {lines.LineNumber} is not JSON.");
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                if (!SiemEvents.TryIdentify(root, out var seq, out var leaf))
                {
                    report.Add(FindingKinds.SiemMalformed, $"SIEM line {lines.LineNumber} is not an Airlock audit event (no sequence number).");
                    continue;
                }

                if (!seen.Add(seq))
                {
                    report.Add(FindingKinds.SiemExtra, $"The SIEM holds record {seq} more than once (line {lines.LineNumber}).", seq);
                    continue;
                }

                if (!_records.TryGetValue(seq, out var expected))
                {
                    if (seq >= (report.Header?.FromSeq ?? 0))
                    {
                        report.Add(FindingKinds.SiemExtra, $"The SIEM holds record {seq} (line {lines.LineNumber}), which the bundle does not.", seq);
                    }

                    continue;
                }

                var format = SiemEvents.FormatOf(root);
                using var wanted = JsonDocument.Parse(SiemEvents.Build(format, origin, seq, expected.Leaf, expected.Record));
                var comparable = format == SiemEvents.SplunkHec ? root.GetProperty("event") : root;
                var reference = format == SiemEvents.SplunkHec ? wanted.RootElement.GetProperty("event") : wanted.RootElement;
                if (leaf is null || !leaf.AsSpan().SequenceEqual(expected.Leaf) || !JsonElement.DeepEquals(comparable, reference))
                {
                    report.Add(FindingKinds.SiemAltered, $"The SIEM's copy of record {seq} (line {lines.LineNumber}) differs from the verified record.", seq);
                }
            }
        }

        foreach (var seq in _records.Keys.Where(s => !seen.Contains(s)).Order())
        {
            report.Add(FindingKinds.SiemMissing, $"Record {seq} is missing from the SIEM.", seq);
        }
    }
}
