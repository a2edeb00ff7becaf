using System.Buffers.Binary;
using Airlock.Audit;

namespace Airlock.Tests.Audit;

public sealed class SignedNoteTests : IDisposable
{
    private const string Name = "airlock.example/audit";
    private const string Body = "airlock.example/audit\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    // The example of c2sp.org/signed-note: an Ed25519 note, with empty lines inside its text.
    private const string SpecExample =
        "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n" +
        "— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";

    private readonly AuditSigningKey _key = AuditSigningKey.Generate(Name);
    private readonly AuditSigningKey _other = AuditSigningKey.Generate(Name);
    private readonly AuditSigningKey _witness = AuditSigningKey.Generate("witness.example");

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
        _witness.Dispose();
    }

    [Fact]
    public void SignNote_Body_IsTheBodyABlankLineAndOneEmDashSignatureLine()
    {
        var note = _key.SignNote(Body);

        Assert.StartsWith(Body + "\n\u2014 " + Name + " ", note, StringComparison.Ordinal);
        Assert.EndsWith("\n", note, StringComparison.Ordinal);
        var signature = Convert.FromBase64String(note[(Body.Length + 3 + Name.Length + 1)..^1]);
        Assert.Equal(_key.PublicKey.KeyId, BinaryPrimitives.ReadUInt32BigEndian(signature));
    }

    [Fact]
    public void Verify_SignedNote_IsVerifiedByTheKeyAndGivesTheBody()
    {
        var result = SignedNote.Verify(_key.SignNote(Body), [_key.PublicKey]);

        Assert.True(result.IsVerified, result.Error);
        Assert.Equal(Body, result.Body);
        Assert.Equal([_key.PublicKey], result.VerifiedBy);
        Assert.Empty(result.Unknown);
        Assert.Empty(result.Invalid);
    }

    [Fact]
    public void Verify_BodyWithEmptyLines_SplitsAtTheLastBlankLine()
    {
        const string body = "first\n\nafter an empty line\n";
        var result = SignedNote.Verify(_key.SignNote(body), [_key.PublicKey]);

        Assert.True(result.IsVerified, result.Error);
        Assert.Equal(body, result.Body);
    }

    [Fact]
    public void Verify_ModifiedBody_IsInvalidAndRejected()
    {
        var note = _key.SignNote(Body).Replace("\n3\n", "\n4\n", StringComparison.Ordinal);

        var result = SignedNote.Verify(note, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Null(result.Body);
        Assert.Single(result.Invalid);
        Assert.Contains("does not verify", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAnotherKeyWithTheSameName_IsUnknownAndRejected()
    {
        var result = SignedNote.Verify(_other.SignNote(Body), [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Null(result.Body);
        Assert.Single(result.Unknown);
        Assert.Empty(result.Invalid);
        Assert.Contains("No signature on the note is from a known key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnotherKeysSignatureUnderOurNameAndKeyId_IsInvalid()
    {
        var forged = WithSignatureBytes(_key.SignNote(Body), _key.PublicKey.KeyId, SignatureBytes(_other.SignNote(Body)));

        var result = SignedNote.Verify(forged, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Single(result.Invalid);
    }

    [Fact]
    public void Verify_WrongKeyId_IsUnknownAndRejected()
    {
        var note = _key.SignNote(Body);
        var wrongId = WithSignatureBytes(note, _key.PublicKey.KeyId ^ 1, SignatureBytes(note));

        var result = SignedNote.Verify(wrongId, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Equal(_key.PublicKey.KeyId ^ 1, Assert.Single(result.Unknown).KeyId);
    }

    [Fact]
    public void Verify_TruncatedSignature_IsInvalid()
    {
        var note = _key.SignNote(Body);
        var truncated = WithSignatureBytes(note, _key.PublicKey.KeyId, SignatureBytes(note)[..^3]);

        var result = SignedNote.Verify(truncated, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Single(result.Invalid);
    }

    [Fact]
    public void Verify_SignatureOfOnlyAKeyId_IsAParseError()
    {
        var note = WithSignatureBytes(_key.SignNote(Body), _key.PublicKey.KeyId, []);

        var result = SignedNote.Verify(note, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Contains("nothing after it to verify", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-- ")]
    [InlineData("\u2013 ")]
    [InlineData("\u2014")]
    [InlineData(" \u2014 ")]
    public void Verify_SignatureLineWithoutEmDashAndSpace_IsAParseError(string prefix)
    {
        var note = _key.SignNote(Body).Replace("\n\u2014 ", "\n" + prefix, StringComparison.Ordinal);

        var result = SignedNote.Verify(note, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Contains("does not start with an em dash (U+2014) and a space", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CosignedNote_ListsEveryKnownSignerAndReportsTheUnknownOne()
    {
        var note = _key.SignNote(Body) + SignatureLine(_witness.SignNote(Body));

        var both = SignedNote.Verify(note, [_key.PublicKey, _witness.PublicKey]);
        var logOnly = SignedNote.Verify(note, [_key.PublicKey]);

        Assert.True(both.IsVerified, both.Error);
        Assert.Equal([_key.PublicKey, _witness.PublicKey], both.VerifiedBy);
        Assert.True(logOnly.IsVerified, logOnly.Error);
        Assert.Equal("witness.example", Assert.Single(logOnly.Unknown).KeyName);
    }

    [Fact]
    public void Verify_OneGoodAndOneBadSignatureFromKnownKeys_IsRejected()
    {
        var forgedWitnessLine = SignatureLine(WithSignatureBytes(_witness.SignNote(Body), _witness.PublicKey.KeyId, SignatureBytes(_other.SignNote(Body))));
        var note = _key.SignNote(Body) + forgedWitnessLine;

        var result = SignedNote.Verify(note, [_key.PublicKey, _witness.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Equal([_key.PublicKey], result.VerifiedBy);
        Assert.Equal("witness.example", Assert.Single(result.Invalid).KeyName);
    }

    [Fact]
    public void Verify_NoKeysGiven_IsRejected()
    {
        var result = SignedNote.Verify(_key.SignNote(Body), []);
        Assert.False(result.IsVerified);
        Assert.Contains("no key was given", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SpecExample_ReadsTheTextAndTheSignature()
    {
        Assert.True(SignedNote.TryParse(SpecExample, out var body, out var signatures, out var error), error);

        Assert.Equal("Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n", body);
        var signature = Assert.Single(signatures);
        Assert.Equal("quasimodo.example/salvatore", signature.KeyName);
        Assert.Equal(64, signature.Signature.Length);
    }

    [Fact]
    public void Verify_SpecExampleEd25519Note_IsUnknownToAnEcdsaKey()
    {
        var result = SignedNote.Verify(SpecExample, [_key.PublicKey]);

        Assert.False(result.IsVerified);
        Assert.Equal("quasimodo.example/salvatore", Assert.Single(result.Unknown).KeyName);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("text\n", "no blank line")]
    [InlineData("text\n\n", "no signature lines")]
    [InlineData("text\n\n\u2014 name AAAAAAAA", "does not end with a newline")]
    [InlineData("text\n\n\u2014 name not-base64!\n", "not valid base64")]
    [InlineData("text\n\n\u2014 name AAAAAAB=\n", "not valid base64")]
    [InlineData("text\n\n\u2014 name AAAA AAAA\n", "is not \"")]
    [InlineData("text\n\n\u2014 name\n", "is not \"")]
    [InlineData("text\n\n\u2014  AAAAAAAA\n", "key name ''")]
    [InlineData("text\n\n\u2014 na+me AAAAAAAA\n", "key name 'na+me'")]
    [InlineData("text\n\n\u2014 name AAAAAAAA\n\u2014 name AAAAAAAA\nnot a signature\n", "Signature line 3")]
    [InlineData("te\rxt\n\n\u2014 name AAAAAAAA\n", "control character U+000D")]
    [InlineData("text\n\n\u2014 name AAAAAAAA\r\n", "control character U+000D")]
    public void TryParse_MalformedNote_ReturnsAClearErrorWithoutThrowing(string note, string expected)
    {
        Assert.False(SignedNote.TryParse(note, out var body, out var signatures, out var error));
        Assert.Equal("", body);
        Assert.Empty(signatures);
        Assert.Contains(expected, error, StringComparison.Ordinal);

        var verification = SignedNote.Verify(note, [_key.PublicKey]);
        Assert.Equal(error, verification.Error);
        Assert.Null(verification.Body);
    }

    [Fact]
    public void TryParse_UnpairedSurrogate_IsRejectedAsNotUtf8()
    {
        // Built at run time: an attribute argument cannot carry an unpaired surrogate.
        var note = "te" + (char)0xDC00 + "xt\n\n\u2014 name AAAAAAAA\n";
        Assert.False(SignedNote.TryParse(note, out _, out _, out var error));
        Assert.Contains("unpaired surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsAnError()
    {
        Assert.False(SignedNote.TryParse(null!, out _, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_TooManySignatures_IsRejected()
    {
        var note = "text\n\n" + string.Concat(Enumerable.Repeat("\u2014 name AAAAAAAA\n", 101));
        Assert.False(SignedNote.TryParse(note, out _, out _, out var error));
        Assert.Contains("101 signature lines", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no final newline")]
    [InlineData("bell\a\n")]
    public void SignNote_BodyThatIsNotNoteText_Throws(string body)
    {
        Assert.Throws<ArgumentException>(() => _key.SignNote(body));
    }

    private static string SignatureLine(string note) => note[(note.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];

    private static byte[] SignatureBytes(string note)
    {
        var line = SignatureLine(note);
        return Convert.FromBase64String(line[(line.LastIndexOf(' ') + 1)..^1])[4..];
    }

    private static string WithSignatureBytes(string note, uint keyId, byte[] signature)
    {
        var line = SignatureLine(note);
        var bytes = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, keyId);
        signature.CopyTo(bytes, 4);
        var newLine = line[..(line.LastIndexOf(' ') + 1)] + Convert.ToBase64String(bytes) + "\n";
        return note[..^line.Length] + newLine;
    }
}
