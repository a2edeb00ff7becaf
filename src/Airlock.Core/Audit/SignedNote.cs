using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Airlock.Audit;

/// <summary>
/// Parsing and verification of C2SP signed notes (c2sp.org/signed-note): a text ending in a newline,
/// a blank line, then signature lines "— {key name} {base64(key ID || signature)}", each ending
/// with a newline. The text is everything up to the last blank line, and it is what is signed.
/// </summary>
public static class SignedNote
{
    // The specification asks verifiers to accept at least 16 signatures and to cap them; Go's
    // golang.org/x/mod/sumdb/note caps them at 100.
    private const int MaxSignatures = 100;

    private const int KeyIdLength = 4;

    /// <summary>Splits a note into its body and signature lines, checking only the syntax.</summary>
    public static bool TryParse(
        string note,
        out string body,
        out IReadOnlyList<NoteSignature> signatures,
        [NotNullWhen(false)] out string? error)
    {
        error = Parse(note, out body, out signatures);
        return error is null;
    }

    /// <summary>
    /// Which of the given keys signed the note. A signature line whose (name, key ID) matches a given
    /// key but does not verify is Invalid and rejects the note; lines from keys not given are Unknown
    /// (reported, not fatal by themselves); a note that no given key verifies is rejected.
    /// </summary>
    public static NoteVerification Verify(string note, IReadOnlyCollection<AuditPublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!TryParse(note, out var body, out var signatures, out var error))
        {
            return new NoteVerification(null, [], [], [], error);
        }

        var message = Encoding.UTF8.GetBytes(body);
        var verifiedBy = new List<AuditPublicKey>();
        var unknown = new List<NoteSignature>();
        var invalid = new List<NoteSignature>();
        foreach (var signature in signatures)
        {
            // The (name, key ID) pair names the key; sharing only one of the two makes a line unknown.
            var candidates = keys.Where(key => key.KeyId == signature.KeyId && string.Equals(key.Name, signature.KeyName, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0)
            {
                unknown.Add(signature);
                continue;
            }

            var signer = candidates.FirstOrDefault(key => key.VerifySignature(message, signature.Signature));
            if (signer is null)
            {
                invalid.Add(signature);
            }
            else if (!verifiedBy.Contains(signer))
            {
                verifiedBy.Add(signer);
            }
        }

        error = invalid.Count > 0
            ? $"The signature by {Describe(invalid[0])} does not verify: the note was altered or signed by another key with the same name and ID."
            : verifiedBy.Count == 0
                ? DescribeMissingSigner(keys, unknown)
                : null;
        return new NoteVerification(error is null ? body : null, verifiedBy, unknown, invalid, error);
    }

    private static string? Parse(string? note, out string body, out IReadOnlyList<NoteSignature> signatures)
    {
        body = "";
        signatures = [];
        if (string.IsNullOrEmpty(note))
        {
            return "The note is empty.";
        }

        if (NoteText.FindProblem(note) is { } problem)
        {
            return $"The note is not valid note text: {problem}.";
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return "The note has no blank line before its signatures.";
        }

        var signatureBlock = note[(split + 2)..];
        if (signatureBlock.Length == 0)
        {
            return "The note has no signature lines after its last blank line.";
        }

        if (signatureBlock[^1] != '\n')
        {
            return "The note's last signature line does not end with a newline.";
        }

        var lines = signatureBlock[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return $"The note has {lines.Length} signature lines; at most {MaxSignatures} are read.";
        }

        var parsed = new List<NoteSignature>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseSignatureLine(lines[i], i + 1, out var signature) is { } lineError)
            {
                return lineError;
            }

            parsed.Add(signature!);
        }

        body = note[..(split + 1)];
        signatures = parsed;
        return null;
    }

    private static string? ParseSignatureLine(string line, int number, out NoteSignature? signature)
    {
        signature = null;
        if (!line.StartsWith(NoteText.SignaturePrefix, StringComparison.Ordinal))
        {
            return $"Signature line {number} does not start with an em dash (U+2014) and a space.";
        }

        var fields = line[NoteText.SignaturePrefix.Length..].Split(' ');
        if (fields.Length != 2)
        {
            return $"Signature line {number} is not \"— <key name> <base64 signature>\".";
        }

        var (name, encoded) = (fields[0], fields[1]);
        if (!NoteText.IsValidKeyName(name))
        {
            return $"Signature line {number} has the key name '{name}', which is empty or has a space or '+'.";
        }

        if (!StrictBase64.TryDecode(encoded, out var bytes))
        {
            return $"The signature on line {number} (key {name}) is not valid base64.";
        }

        if (bytes.Length <= KeyIdLength)
        {
            return $"The signature on line {number} (key {name}) has {bytes.Length} bytes: a {KeyIdLength}-byte key ID and nothing after it to verify.";
        }

        signature = new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[KeyIdLength..]);
        return null;
    }

    private static string DescribeMissingSigner(IReadOnlyCollection<AuditPublicKey> keys, List<NoteSignature> unknown)
    {
        var expected = keys.Count == 0 ? "no key was given" : "expected " + string.Join(", ", keys.Select(key => $"{key.Name} (key ID {key.KeyId:x8})"));
        var found = string.Join(", ", unknown.Select(Describe));
        return $"No signature on the note is from a known key ({expected}); it is signed by {found}.";
    }

    private static string Describe(NoteSignature signature) => $"{signature.KeyName} (key ID {signature.KeyId:x8})";
}
