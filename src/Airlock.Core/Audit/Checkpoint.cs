using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Airlock.Audit;

/// <summary>
/// The body of a C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the origin line, the tree size in
/// decimal, the base64 root hash, then optional extension lines; every line ends with a newline.
/// </summary>
/// <remarks>Equality compares the root hash and extensions by content.</remarks>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    /// <summary>A checkpoint without extension lines (which the specification does not recommend).</summary>
    public Checkpoint(string origin, long size, byte[] rootHash)
        : this(origin, size, rootHash, [])
    {
    }

    /// <summary>The note text, each line ending with a newline.</summary>
    /// <exception cref="InvalidOperationException">A field would produce a body that <see cref="TryParse"/> rejects.</exception>
    public string ToBody()
    {
        if (FindProblem(Origin, Size, RootHash, Extensions) is { } problem)
        {
            throw new InvalidOperationException($"The checkpoint cannot be written: {problem}.");
        }

        var body = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            body.Append(extension).Append('\n');
        }

        return body.ToString();
    }

    /// <summary>
    /// Parses a checkpoint body strictly: a size with a sign or leading zeros, a root hash that is not
    /// canonical base64 of 32 bytes, an empty origin or extension line, a control character or a
    /// missing final newline is an error, never an exception.
    /// </summary>
    public static bool TryParse(string body, [NotNullWhen(true)] out Checkpoint? checkpoint, [NotNullWhen(false)] out string? error)
    {
        error = Parse(body, out checkpoint);
        return error is null;
    }

    public bool Equals(Checkpoint? other) =>
        other is not null
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && Size == other.Size
        && RootHash.AsSpan().SequenceEqual(other.RootHash)
        && Extensions.SequenceEqual(other.Extensions, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Origin, Size);

    private static string? Parse(string? body, out Checkpoint? checkpoint)
    {
        checkpoint = null;
        if (string.IsNullOrEmpty(body))
        {
            return "The checkpoint body is empty.";
        }

        if (NoteText.FindProblem(body) is { } textProblem)
        {
            return $"The checkpoint body is not note text: {textProblem}.";
        }

        if (body[^1] != '\n')
        {
            return "The checkpoint body does not end with a newline.";
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return $"A checkpoint body has at least three lines (origin, tree size, root hash), not {lines.Length}.";
        }

        if (lines[0].Length == 0)
        {
            return "The checkpoint origin (line 1) is empty.";
        }

        if (!TryParseSize(lines[1], out var size))
        {
            return $"The tree size (line 2) '{lines[1]}' is not a decimal number without sign or leading zeros.";
        }

        if (!StrictBase64.TryDecode(lines[2], out var rootHash) || rootHash.Length != MerkleHash.Size)
        {
            return $"The root hash (line 3) '{lines[2]}' is not the base64 of {MerkleHash.Size} bytes.";
        }

        for (var i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                return $"Extension line {i + 1} of the checkpoint is empty.";
            }
        }

        checkpoint = new Checkpoint(lines[0], size, rootHash, lines[3..]);
        return null;
    }

    // ASCII digits only, no sign, no leading zero unless the size is 0, within a long.
    private static bool TryParseSize(string text, out long size)
    {
        size = 0;
        if (text.Length == 0 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }

    private static string? FindProblem(string? origin, long size, byte[]? rootHash, IReadOnlyList<string>? extensions)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return "the origin is empty";
        }

        if (origin.Contains('\n', StringComparison.Ordinal) || NoteText.FindProblem(origin) is not null)
        {
            return "the origin contains a newline, a control character or an unpaired surrogate";
        }

        if (size < 0)
        {
            return $"the tree size {size} is negative";
        }

        if (rootHash is not { Length: MerkleHash.Size })
        {
            return $"the root hash is not {MerkleHash.Size} bytes";
        }

        if (extensions is null)
        {
            return "the extension list is null";
        }

        foreach (var extension in extensions)
        {
            if (string.IsNullOrEmpty(extension) || extension.Contains('\n', StringComparison.Ordinal) || NoteText.FindProblem(extension) is not null)
            {
                return "an extension line is empty or contains a newline, a control character or an unpaired surrogate";
            }
        }

        return null;
    }
}
