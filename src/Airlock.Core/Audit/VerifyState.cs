using System.Globalization;
using System.Text.Json;

namespace Airlock.Audit;

/// <summary>The verifier's pass over the records, then the checks that need all of them.</summary>
internal sealed class VerifyState
{
    private readonly Preamble _preamble;
    private readonly BundleReport _report;
    private readonly BundleHeader _header;
    private readonly long _count;
    private readonly byte[] _leaves;
    private readonly bool[] _seen;
    private readonly bool[] _flagged;
    private readonly string?[] _types;
    private readonly string?[] _decisionIds;
    private readonly string?[] _approvalIds;
    private readonly List<(long Seq, List<(string Name, long Seq)> Links)> _links = [];
    private readonly Dictionary<long, byte[]> _roots = [];
    private readonly HashSet<long> _sizes = [];
    private readonly byte[] _leaf = new byte[MerkleHash.Size];
    private List<ParsedCheckpoint> _held = [];
    private MerkleAccumulator _tree = new();
    private long _highest = -1;

    public VerifyState(Preamble preamble, BundleReport report)
    {
        _preamble = preamble;
        _report = report;
        _header = preamble.Header;
        _count = _header.ToSeq - _header.FromSeq;
        _leaves = new byte[_count * MerkleHash.Size];
        _seen = new bool[_count];
        _flagged = new bool[_count];
        _types = new string?[_count];
        _decisionIds = new string?[_count];
        _approvalIds = new string?[_count];
    }

    public List<(long Seq, string Pem, string? Endorsement)> KeyAdditions { get; } = [];

    public void PrepareSizes(List<ParsedCheckpoint> held)
    {
        _held = held;
        foreach (var size in _preamble.Checkpoints.Select(c => c.Size).Concat(held.Select(h => h.Size)))
        {
            _sizes.Add(size);
        }

        if (_preamble.CompactRange is { } compact)
        {
            try
            {
                _tree = MerkleAccumulator.FromCompactRange(compact.Size, compact.Hashes);
            }
            catch (ArgumentException e)
            {
                _report.Add(FindingKinds.BundleMalformed, $"The compact range before record {compact.Size} is malformed: {e.Message}");
            }
        }

        if (_tree.Size != _header.FromSeq)
        {
            _report.Add(FindingKinds.BundleMalformed, $"The bundle starts at record {_header.FromSeq} but carries the tree of {_tree.Size} records before it.");
        }

        NoteRoot();
    }

    /// <summary>Parses and hashes a batch of record lines in parallel, then checks and appends them in file order.</summary>
    public void AddRecords(RecordBatch batch, Action<long, byte[], ReadOnlyMemory<byte>>? onRecord)
    {
        var parsed = new ParsedLine[batch.Count];
        var leaves = new byte[batch.Count * MerkleHash.Size];
        Parallel.For(0, batch.Count, i => parsed[i] = ParsedLine.From(batch.Line(i), leaves.AsMemory(i * MerkleHash.Size, MerkleHash.Size)));
        for (var i = 0; i < batch.Count; i++)
        {
            Apply(parsed[i], batch.LineNumber(i), onRecord);
        }
    }

    private void Apply(ParsedLine line, long lineNumber, Action<long, byte[], ReadOnlyMemory<byte>>? onRecord)
    {
        _report.RecordsRead++;
        if (!line.Ok)
        {
            _report.Add(FindingKinds.RecordMalformed, $"Line {lineNumber} is not a record line.");
            return;
        }

        var (claimedSeq, bytes, facts) = (line.ClaimedSeq, line.Record, line.Facts);
        line.Leaf.Span.CopyTo(_leaf);
        var seq = facts?.Seq ?? claimedSeq;
        if (facts is null)
        {
            _report.Add(FindingKinds.RecordMalformed, $"Record {seq} (line {lineNumber}) is not a valid record.", seq);
        }

        var index = seq - _header.FromSeq;
        if (index < 0 || index >= _count)
        {
            _report.Add(FindingKinds.RecordModified, $"Line {lineNumber} holds record {seq}, outside the bundle's range [{_header.FromSeq}, {_header.ToSeq}): an inserted or renumbered record.", seq);
            _tree.Append(_leaf);
            NoteRoot();
            return;
        }

        var slot = _leaves.AsSpan((int)(index * MerkleHash.Size), MerkleHash.Size);
        if (_seen[index])
        {
            var same = slot.SequenceEqual(_leaf);
            _report.Add(FindingKinds.RecordDuplicated, same
                ? $"Record {seq} appears more than once (line {lineNumber})."
                : $"Record {seq} appears twice with different contents (line {lineNumber}).", seq);
            _flagged[index] = true;
            if (same)
            {
                return; // an exact copy adds nothing to the tree; the finding is enough
            }
        }

        if (!line.LeafMatches || (facts is not null && claimedSeq != facts.Seq))
        {
            _report.Add(FindingKinds.RecordModified, $"Record {seq} was modified: its bytes no longer hash to the leaf hash it was exported with.", seq);
            _flagged[index] = true;
        }

        if (seq < _highest)
        {
            _report.Add(FindingKinds.RecordReordered, $"Record {seq} comes after record {_highest}: the records were reordered.", seq);
            _flagged[index] = true;
        }

        _highest = Math.Max(_highest, seq);
        _seen[index] = true;
        _leaf.CopyTo(slot);
        if (facts is not null)
        {
            _types[index] = facts.Type;
            _decisionIds[index] = facts.DecisionId;
            _approvalIds[index] = facts.ApprovalId;
            if (facts.Links.Count > 0 || RequiredLink(facts.Type) is not null)
            {
                _links.Add((seq, [.. facts.Links]));
            }

            if (facts.Type == "key.added" && facts.PublicKey is not null)
            {
                KeyAdditions.Add((seq, facts.PublicKey, facts.Endorsement));
            }
        }

        onRecord?.Invoke(seq, (byte[])_leaf.Clone(), bytes);
        _tree.Append(_leaf);
        NoteRoot();
    }

    public void Finish(List<AuditPublicKey> trusted)
    {
        ReportMissing();
        var validUpTo = CheckCheckpoints(trusted);
        CheckProofs();
        CheckHeld(trusted);
        CheckLinks();
        if (validUpTo < _header.ToSeq && _tree.Size > validUpTo && _report.Findings.All(f => f.Kind != FindingKinds.TreeMismatch))
        {
            _report.Add(FindingKinds.RecordUncovered, $"Records {validUpTo} to {_header.ToSeq - 1} are not covered by any valid signed checkpoint.", validUpTo);
        }

        long valid = 0;
        for (long i = 0; i < _count && _header.FromSeq + i < validUpTo; i++)
        {
            if (_seen[i] && !_flagged[i])
            {
                valid++;
            }
        }

        _report.RecordsValid = valid;
    }

    private long CheckCheckpoints(List<AuditPublicKey> trusted)
    {
        var validUpTo = _header.FromSeq;
        var broken = false;
        var previousGood = _header.FromSeq;
        ParsedCheckpoint? last = null;
        _report.CheckpointsTotal = _preamble.Checkpoints.Count;
        foreach (var checkpoint in _preamble.Checkpoints.OrderBy(c => c.Size).ThenBy(c => c.At))
        {
            var ok = Signed(checkpoint, trusted, "A checkpoint in the bundle");
            if (checkpoint.Checkpoint.Origin != _header.Origin)
            {
                _report.Add(FindingKinds.BundleMalformed, $"The checkpoint of size {checkpoint.Size} is for another log ('{checkpoint.Checkpoint.Origin}').");
                ok = false;
            }

            if (checkpoint.Size > _tree.Size)
            {
                _report.Add(FindingKinds.RecordMissing, $"A signed checkpoint covers {checkpoint.Size} records but the bundle's tree ends at {_tree.Size}: records were removed from the end.", _tree.Size);
                ok = false;
            }
            else if (_roots.TryGetValue(checkpoint.Size, out var root) && !root.AsSpan().SequenceEqual(checkpoint.Checkpoint.RootHash))
            {
                _report.Add(FindingKinds.TreeMismatch, $"The tree of the first {checkpoint.Size} records does not match the signed checkpoint: a record in {previousGood}..{checkpoint.Size - 1} was altered, inserted or removed.", previousGood);
                ok = false;
            }

            if (ok)
            {
                _report.CheckpointsVerified++;
                previousGood = checkpoint.Size;
                last = checkpoint;
                if (!broken)
                {
                    validUpTo = Math.Max(validUpTo, checkpoint.Size);
                }
            }
            else
            {
                broken = true;
            }
        }

        if (last is not null)
        {
            _report.LastCheckpoint = (last.Size, last.At, Signer(last, trusted) ?? "");
            CheckFreshness(last);
        }
        else if (_count > 0)
        {
            _report.Add(FindingKinds.RecordUncovered, "No checkpoint in the bundle verifies, so no record can be trusted.");
        }

        return validUpTo;
    }

    private void CheckFreshness(ParsedCheckpoint last)
    {
        if (_header.ToSeq != _header.LogSize)
        {
            return; // an export of an older range ends where it was asked to
        }

        // A heartbeat is due every Heartbeat; one more heartbeat of slack covers a busy or briefly stopped gateway.
        var limit = (2 * _header.Heartbeat) + _header.CheckpointInterval;
        if (last.At is not { } at)
        {
            _report.Add(FindingKinds.CheckpointStale, "The last checkpoint carries no signing time, so a cut-off tail cannot be ruled out.");
        }
        else if (_header.ExportedAt - at > limit)
        {
            _report.Add(FindingKinds.CheckpointStale, $"The last checkpoint was signed at {at:u}, {Describe(_header.ExportedAt - at)} before the export; the gateway signs one at least every {Describe(_header.Heartbeat)}, so records after it may have been cut off.", last.Size);
        }
    }

    private void CheckProofs()
    {
        var byRoot = _preamble.Checkpoints.GroupBy(c => c.Size).ToDictionary(g => g.Key, g => g.First().Checkpoint.RootHash);
        foreach (var (oldSize, newSize, proof) in _preamble.Consistency)
        {
            if (byRoot.TryGetValue(oldSize, out var oldRoot) && byRoot.TryGetValue(newSize, out var newRoot) && MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof))
            {
                _report.ProofsVerified++;
            }
            else
            {
                _report.Add(FindingKinds.ProofInvalid, $"The consistency proof from {oldSize} to {newSize} records does not hold: the checkpoints do not describe one append-only log.");
            }
        }

        foreach (var (seq, size, proof) in _preamble.Inclusion)
        {
            var index = seq - _header.FromSeq;
            var leaf = index >= 0 && index < _count && _seen[index] ? _leaves.AsSpan((int)(index * MerkleHash.Size), MerkleHash.Size).ToArray() : null;
            if (leaf is not null && byRoot.TryGetValue(size, out var root) && MerkleProof.VerifyInclusion(seq, size, leaf, proof, root))
            {
                _report.ProofsVerified++;
            }
            else
            {
                _report.Add(FindingKinds.ProofInvalid, $"The inclusion proof of record {seq} in the tree of {size} records does not hold.", seq);
            }
        }
    }

    private void CheckHeld(List<AuditPublicKey> trusted)
    {
        foreach (var held in _held)
        {
            if (!Signed(held, trusted, "A checkpoint you hold"))
            {
                continue;
            }

            if (held.Size > _header.LogSize)
            {
                _report.Add(FindingKinds.CheckpointRollback, $"You hold a checkpoint of {held.Size} records (signed {held.At:u}), but this log has only {_header.LogSize}: it was truncated or rolled back.", _header.LogSize);
            }
            else if (_roots.TryGetValue(held.Size, out var root) && !root.AsSpan().SequenceEqual(held.Checkpoint.RootHash))
            {
                _report.Add(FindingKinds.CheckpointRollback, $"You hold a checkpoint of {held.Size} records whose root differs from this log's: the log was rewritten (rolled back to an earlier state and continued).", held.Size);
            }
        }
    }

    private void CheckLinks()
    {
        foreach (var (seq, links) in _links)
        {
            var index = seq - _header.FromSeq;
            var type = _types[index]!;
            if (RequiredLink(type) is { } required && links.All(l => l.Name != required))
            {
                Broken(index, $"Record {seq} ({type}) has no link to its {required}.");
            }

            foreach (var (name, target) in links)
            {
                if (target < _header.FromSeq)
                {
                    continue; // before the bundle: the tree check covers it, its content is not here
                }

                var t = target - _header.FromSeq;
                if (target >= seq || t >= _count || !_seen[t])
                {
                    Broken(index, $"Record {seq} ({type}) links to record {target} as its {name}, which is missing.");
                }
                else if (!Matches(name, index, t))
                {
                    Broken(index, $"Record {seq} ({type}) links to record {target} as its {name}, but that record is a {_types[t]} about something else.");
                }
            }
        }
    }

    private bool Matches(string name, long index, long target) => name switch
    {
        "decision" => _types[target] == "decision" && _decisionIds[target] == _decisionIds[index],
        "approval" => _types[target] is "approval.requested" or "approval.approved" && _approvalIds[target] == _approvalIds[index],
        "grant" => _types[target] is "grant.issued" or "grant.consumed" && _approvalIds[target] == (_approvalIds[index] ?? _approvalIds[target]),
        _ => true,
    };

    /// <summary>An execution must name its decision; a grant must come from an approval and be consumed from one.</summary>
    private static string? RequiredLink(string type) => type switch
    {
        "execution" => "decision",
        "grant.consumed" => "grant",
        "grant.issued" => "approval",
        _ => null,
    };

    private void Broken(long index, string message)
    {
        _flagged[index] = true;
        _report.Add(FindingKinds.LinkBroken, message, _header.FromSeq + index);
    }

    private void ReportMissing()
    {
        for (long i = 0; i < _count; i++)
        {
            if (_seen[i])
            {
                continue;
            }

            var start = i;
            while (i + 1 < _count && !_seen[i + 1])
            {
                i++;
            }

            var first = _header.FromSeq + start;
            var lastMissing = _header.FromSeq + i;
            _report.Add(FindingKinds.RecordMissing, first == lastMissing ? $"Record {first} is missing." : $"Records {first} to {lastMissing} are missing.", first);
        }
    }

    private bool Signed(ParsedCheckpoint checkpoint, List<AuditPublicKey> trusted, string what)
    {
        var verification = SignedNote.Verify(checkpoint.Note, trusted);
        if (verification.IsVerified)
        {
            return true;
        }

        if (verification.Invalid.Count > 0)
        {
            _report.Add(FindingKinds.SignatureInvalid, $"{what} (size {checkpoint.Size}) has a signature that does not verify: it was altered after signing.");
        }
        else
        {
            var signers = SignedNote.TryParse(checkpoint.Note, out _, out var signatures, out _) ? string.Join(", ", signatures.Select(s => $"{s.KeyName} key id {s.KeyId:x8}")) : "unreadable";
            _report.Add(FindingKinds.UnknownKey, $"{what} (size {checkpoint.Size}) is signed by a key you do not trust ({signers}).");
        }

        return false;
    }

    private static string? Signer(ParsedCheckpoint checkpoint, List<AuditPublicKey> trusted) =>
        SignedNote.Verify(checkpoint.Note, trusted).VerifiedBy.FirstOrDefault()?.Fingerprint;

    private void NoteRoot()
    {
        if (_sizes.Contains(_tree.Size) && !_roots.ContainsKey(_tree.Size))
        {
            _roots[_tree.Size] = _tree.Root();
        }
    }

    /// <summary>One record line parsed and hashed (on any thread).</summary>
    private readonly record struct ParsedLine(bool Ok, long ClaimedSeq, bool LeafMatches, ReadOnlyMemory<byte> Record, RecordFacts? Facts, ReadOnlyMemory<byte> Leaf)
    {
        /// <summary>Parses the line and hashes its record into <paramref name="leaf"/>.</summary>
        public static ParsedLine From(ReadOnlyMemory<byte> line, Memory<byte> leaf)
        {
            Span<byte> claimed = stackalloc byte[MerkleHash.Size];
            if (!TrySplit(line, claimed, out var seq, out var hasClaimed, out var record, out var facts))
            {
                return new ParsedLine(false, -1, false, default, null, default);
            }

            MerkleHash.Leaf(record.Span, leaf.Span);
            return new ParsedLine(true, seq, hasClaimed && claimed.SequenceEqual(leaf.Span), record, facts, leaf);
        }
    }

    /// <summary>
    /// Reads a record line in one pass: the envelope, and the record's own fields while finding its exact
    /// span (<paramref name="record"/>). <paramref name="facts"/> is null when the record is not a valid one.
    /// </summary>
    private static bool TrySplit(ReadOnlyMemory<byte> line, Span<byte> leaf, out long seq, out bool hasLeaf, out ReadOnlyMemory<byte> record, out RecordFacts? facts)
    {
        seq = -1;
        hasLeaf = false;
        record = default;
        facts = null;
        try
        {
            var reader = new Utf8JsonReader(line.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("seq"u8))
                {
                    seq = reader.GetInt64();
                }
                else if (name.SequenceEqual("leaf"u8))
                {
                    hasLeaf = reader.TokenType == JsonTokenType.String
                        && System.Buffers.Text.Base64.DecodeFromUtf8(reader.ValueSpan, leaf, out _, out var written) == System.Buffers.OperationStatus.Done
                        && written == MerkleHash.Size;
                }
                else if (name.SequenceEqual("record"u8) && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    facts = RecordFacts.Read(ref reader);
                    record = line.Slice(start, (int)reader.BytesConsumed - start);
                }
                else
                {
                    reader.Skip();
                }
            }

            return !record.IsEmpty;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static string Describe(TimeSpan span) => span.TotalHours >= 1
        ? $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"
        : span.TotalMinutes >= 1 ? $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min" : $"{span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";
}
