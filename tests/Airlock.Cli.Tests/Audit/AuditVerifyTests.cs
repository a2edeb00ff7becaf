using System.Text.Json.Nodes;
using Airlock.Audit;

namespace Airlock.Cli.Tests.Audit;

/// <summary>
/// <c>airlock audit verify</c> through the real executable, on a bundle exported from a real gateway:
/// the clean bundle verifies with exit 0; each kind of tampering fails with its finding and exit 5.
/// </summary>
public sealed class AuditVerifyTests(AuditTrailFixture trail) : IClassFixture<AuditTrailFixture>
{
    private const int Invalid = 5;

    [Fact]
    public void CleanBundle_Verifies_WithPinnedKey_HeldCheckpoint_AndBothSiemFormats()
    {
        var result = trail.Verify(trail.Bundle, "--public-key", trail.PublicKey, "--checkpoint", trail.LatestCheckpoint, "--siem", trail.Hec);
        Assert.True(result.ExitCode == 0, result.Stdout);
        var records = Records(File.ReadAllLines(trail.Bundle).ToList()).Count;
        Assert.Contains($"{records}/{records} records valid", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("pinned", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, trail.Verify(trail.Bundle, "--siem", trail.Ocsf).ExitCode);

        var json = JsonNode.Parse(trail.Verify(trail.Bundle, "--json").Stdout)!;
        Assert.True(json["ok"]!.GetValue<bool>());
        Assert.Equal(records, json["records_valid"]!.GetValue<long>());
    }

    [Fact]
    public void ModifiedRecord_IsNamed()
    {
        var copy = trail.Copy(trail.Bundle, lines => Replace(lines, Index(lines, "decision", "\"outcome\":\"deny\""), line => line.Replace("\"outcome\":\"deny\"", "\"outcome\":\"allow\"", StringComparison.Ordinal)));
        AssertFinding(copy, FindingKinds.RecordModified);
    }

    [Fact]
    public void ModifiedRecordWithRecomputedLeaf_BreaksTheTreeUnderTheSignedCheckpoint()
    {
        var copy = trail.Copy(trail.Bundle, lines =>
        {
            var index = Index(lines, "decision", "\"outcome\":\"deny\"");
            var record = JsonNode.Parse(lines[index])!;
            var text = record["record"]!.ToJsonString().Replace("\"deny\"", "\"allow\"", StringComparison.Ordinal);
            lines[index] = $"{{\"type\":\"record\",\"seq\":{record["seq"]},\"leaf\":\"{Convert.ToBase64String(MerkleHash.Leaf(System.Text.Encoding.UTF8.GetBytes(text)))}\",\"record\":{text}}}";
            return lines;
        });
        AssertFinding(copy, FindingKinds.TreeMismatch);
    }

    [Fact]
    public void DeletedRecord_IsMissing_AndTheExecutionLosesItsDecision()
    {
        var copy = trail.Copy(trail.Bundle, lines =>
        {
            var execution = JsonNode.Parse(lines[Index(lines, "execution")])!["record"]!;
            var decision = execution["links"]!["decision"]!.GetValue<long>();
            return [.. lines.Where(l => !l.StartsWith($"{{\"type\":\"record\",\"seq\":{decision},", StringComparison.Ordinal))];
        });
        var output = AssertFinding(copy, FindingKinds.RecordMissing);
        Assert.Contains(FindingKinds.LinkBroken, output, StringComparison.Ordinal);
    }

    [Fact]
    public void GrantConsumedWithoutItsApproval_IsABrokenLink()
    {
        var copy = trail.Copy(trail.Bundle, lines => [.. lines.Where(l => !IsRecord(l, "grant.issued"))]);
        AssertFinding(copy, FindingKinds.LinkBroken);
    }

    [Fact]
    public void DuplicatedRecord_IsNamed()
    {
        var copy = trail.Copy(trail.Bundle, lines =>
        {
            var index = Index(lines, "decision");
            lines.Insert(index + 1, lines[index]);
            return lines;
        });
        AssertFinding(copy, FindingKinds.RecordDuplicated);
    }

    [Fact]
    public void ReorderedRecords_AreNamed()
    {
        var copy = trail.Copy(trail.Bundle, lines =>
        {
            var index = Index(lines, "decision");
            (lines[index], lines[index + 1]) = (lines[index + 1], lines[index]);
            return lines;
        });
        AssertFinding(copy, FindingKinds.RecordReordered);
    }

    [Fact]
    public void TruncatedTail_WithItsCheckpointsRemoved_LeavesAStaleLastCheckpoint_AndContradictsAHeldOne()
    {
        var end = trail.FirstBurstEnd;
        var copy = trail.Copy(trail.Bundle, lines => [.. lines
            .Where(l => !(l.StartsWith(AuditBundleFormat.RecordPrefix, StringComparison.Ordinal) && JsonNode.Parse(l)!["seq"]!.GetValue<long>() >= end))
            .Where(l => !l.StartsWith("{\"type\":\"checkpoint\"", StringComparison.Ordinal) || CheckpointSize(l) <= end)
            .Where(l => !l.StartsWith("{\"type\":\"consistency\"", StringComparison.Ordinal) && !l.StartsWith("{\"type\":\"inclusion\"", StringComparison.Ordinal))
            .Select(l => l.StartsWith("{\"type\":\"bundle\"", StringComparison.Ordinal) ? WithSize(l, end) : l)]);
        AssertFinding(copy, FindingKinds.CheckpointStale);
        var held = trail.Verify(copy, "--checkpoint", trail.LatestCheckpoint);
        Assert.Contains(FindingKinds.CheckpointRollback, held.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedTail_WithCheckpointsKept_IsMissingRecords()
    {
        var copy = trail.Copy(trail.Bundle, lines => lines.Take(lines.Count - 2).ToList());
        AssertFinding(copy, FindingKinds.RecordMissing);
    }

    [Fact]
    public void CheckpointSignedByAnotherKey_IsUnknown()
    {
        using var forger = AuditSigningKey.Generate(Origin());
        var copy = trail.Copy(trail.Bundle, lines =>
        {
            var index = lines.FindLastIndex(l => l.StartsWith("{\"type\":\"checkpoint\"", StringComparison.Ordinal));
            var note = JsonNode.Parse(lines[index])!["note"]!.GetValue<string>();
            var body = note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
            lines[index] = new JsonObject { ["type"] = "checkpoint", ["note"] = forger.SignNote(body) }.ToJsonString();
            return lines;
        });
        AssertFinding(copy, FindingKinds.UnknownKey, "--public-key", trail.PublicKey);
    }

    [Fact]
    public void BundleKeysAreNotTrusted_WhenAnotherKeyIsPinned()
    {
        using var other = AuditSigningKey.Generate(Origin());
        var pinned = Path.Combine(trail.Gateway.DataDirectory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(pinned, other.PublicKey.Pem);
        AssertFinding(trail.Bundle, FindingKinds.UnknownKey, "--public-key", pinned);
    }

    [Fact]
    public void SiemFileWithALineDeleted_NamesTheMissingRecord_AndAnEditedEventIsAltered()
    {
        var deleted = trail.Copy(trail.Hec, lines => { lines.RemoveAt(3); return lines; });
        var seq = JsonNode.Parse(File.ReadAllLines(trail.Hec)[3])!["event"]!["seq"]!.GetValue<long>();
        var output = AssertFinding(trail.Bundle, FindingKinds.SiemMissing, "--siem", deleted);
        Assert.Contains($"Record {seq} is missing from the SIEM", output, StringComparison.Ordinal);

        var edited = trail.Copy(trail.Ocsf, lines =>
        {
            var index = lines.FindIndex(l => l.Contains("\"status\":\"deny\"", StringComparison.Ordinal));
            lines[index] = lines[index].Replace("\"status_id\":2", "\"status_id\":1", StringComparison.Ordinal);
            return lines;
        });
        AssertFinding(trail.Bundle, FindingKinds.SiemAltered, "--siem", edited);
    }

    private string AssertFinding(string bundle, string kind, params string[] extra)
    {
        var result = trail.Verify([bundle, .. extra]);
        Assert.True(result.ExitCode == Invalid, $"exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        Assert.Contains($"FAIL {kind}:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("OK: the bundle verifies", result.Stdout, StringComparison.Ordinal);
        return result.Stdout;
    }

    private string Origin() => JsonNode.Parse(File.ReadLines(trail.Bundle).First())!["origin"]!.GetValue<string>();

    private static List<string> Records(List<string> lines) => [.. lines.Where(l => l.StartsWith(AuditBundleFormat.RecordPrefix, StringComparison.Ordinal))];

    private static bool IsRecord(string line, string type) =>
        line.StartsWith(AuditBundleFormat.RecordPrefix, StringComparison.Ordinal) && line.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal);

    /// <summary>The line index of the first record of a type, optionally containing a text.</summary>
    private static int Index(List<string> lines, string type, string contains = "") =>
        lines.FindIndex(line => IsRecord(line, type) && line.Contains(contains, StringComparison.Ordinal));

    private static List<string> Replace(List<string> lines, int index, Func<string, string> change)
    {
        var before = lines[index];
        lines[index] = change(before);
        Assert.NotEqual(before, lines[index]);
        return lines;
    }

    private static long CheckpointSize(string line)
    {
        var note = JsonNode.Parse(line)!["note"]!.GetValue<string>();
        return long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string WithSize(string header, long end)
    {
        var node = JsonNode.Parse(header)!;
        node["to_seq"] = end;
        node["log_size"] = end;
        return node.ToJsonString();
    }
}
