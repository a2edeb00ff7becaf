using Airlock.Audit;
using FsCheck;
using FsCheck.Fluent;

namespace Airlock.Tests.Audit;

public sealed class SignedNotePropertyTests : IDisposable
{
    // Fragments that steer random text into the parsers' interesting paths.
    private static readonly string[] Pieces =
    [
        "\n", "\n\n", "\u2014 ", "\u2014", "\u2013 ", " ", "+", "=", "\r", "\t", "0", "1", "9", "-1", "01", "a", "é",
        "example.com/log", "rekor.sigstore.dev", "AAAA", "AAAAAAAA", "AAAAAAB=", "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=",
        "wNI9ajBFAiEAuDk7uu5Ae8Own/MjhSZNuVzbLuYH2jBMxbSA0WaNDNACIDV4reKpYiOpkwtvazCClnpUuduF2o/th2xR3gRZAUU4",
    ];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private readonly AuditSigningKey _key = AuditSigningKey.Generate("airlock.example/audit");

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Parsers_AnyText_NeverThrow()
    {
        Prop.ForAll(RandomText(), text =>
        {
            var verification = SignedNote.Verify(text, [_key.PublicKey]);
            SignedNote.TryParse(text, out _, out _, out _);
            if (Checkpoint.TryParse(text, out var checkpoint, out _))
            {
                // Whatever parses writes back the same text.
                return checkpoint.ToBody() == text && !verification.IsVerified;
            }

            return !verification.IsVerified;
        }).Check(Config);
    }

    [Fact]
    public void Verify_SignedCheckpointWithAnyOneCharacterChanged_IsNotVerified()
    {
        var body = new Checkpoint("airlock.example/audit", 12345, MerkleHash.Leaf([1]), ["ext"]).ToBody();
        var note = _key.SignNote(body);
        var replacements = Gen.Elements('0', '1', 'a', 'A', '+', '/', '=', ' ', '\n', '\u2014', 'é');
        var mutation = Gen.Zip(Gen.Choose(0, note.Length - 1), replacements, (at, c) => (At: at, Char: c))
            .Where(m => note[m.At] != m.Char)
            .ToArbitrary();

        Assert.True(SignedNote.Verify(note, [_key.PublicKey]).IsVerified);
        Prop.ForAll(mutation, m =>
        {
            var changed = string.Concat(note.AsSpan(0, m.At), m.Char.ToString(), note.AsSpan(m.At + 1));
            return !SignedNote.Verify(changed, [_key.PublicKey]).IsVerified;
        }).Check(Config);
    }

    private static Arbitrary<string> RandomText() =>
        Gen.Elements(Pieces).ListOf().Select(pieces => string.Concat(pieces)).ToArbitrary();
}
