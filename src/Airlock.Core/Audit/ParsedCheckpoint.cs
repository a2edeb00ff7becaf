using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Airlock.Audit;

/// <summary>A signed checkpoint as read from a bundle (its signature not yet checked): the note, its checkpoint, its signing time.</summary>
internal sealed record ParsedCheckpoint(string Note, Checkpoint Checkpoint, DateTimeOffset? At)
{
    public long Size => Checkpoint.Size;

    public static bool TryParse(string note, [NotNullWhen(true)] out ParsedCheckpoint? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (!SignedNote.TryParse(note, out var body, out _, out error))
        {
            return false;
        }

        if (!Checkpoint.TryParse(body, out var checkpoint, out error))
        {
            return false;
        }

        DateTimeOffset? at = null;
        foreach (var extension in checkpoint.Extensions)
        {
            if (extension.StartsWith(AuditBundleFormat.TimeExtension, StringComparison.Ordinal)
                && DateTimeOffset.TryParse(extension[AuditBundleFormat.TimeExtension.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                at = time;
            }
        }

        parsed = new ParsedCheckpoint(note, checkpoint, at);
        return true;
    }
}

/// <summary>Everything before the records: header, keys, the compact range before the first record, checkpoints and proofs.</summary>
internal sealed record Preamble(
    BundleHeader Header,
    List<(string Fingerprint, string Pem)> Keys,
    (long Size, List<byte[]> Hashes)? CompactRange,
    List<ParsedCheckpoint> Checkpoints,
    List<(long Old, long New, List<byte[]> Proof)> Consistency,
    List<(long Seq, long Size, List<byte[]> Proof)> Inclusion);
