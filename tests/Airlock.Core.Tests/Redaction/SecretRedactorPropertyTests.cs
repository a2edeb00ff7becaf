using Airlock.Redaction;
using FsCheck;
using FsCheck.Fluent;

namespace Airlock.Tests.Redaction;

public sealed class SecretRedactorPropertyTests
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Base64Url = Alphanumeric + "_-";

    // Fragments that steer random text into the finders' interesting paths.
    private static readonly string[] Pieces =
    [
        " ", "\n", "\t", "=", ":", ": ", "\"", "'", "\\\"", ";", "&", "|", "@", "/", "//", "://", "-", "--", "-p", "-u",
        "$", "${", "{{", "[", "]", "{", "}", "(", ")", ",", "password", "PASSWORD", "token", "Token", "api_key",
        "Authorization", "Bearer ", "Basic ", "Cookie", "mysql", "curl", "sshpass", "https", "postgres", "user",
        "Host=db;", "Password", "IDENTIFIED BY ", "PASSWORD ", "-----BEGIN RSA PRIVATE KEY-----", "-----END ",
        "[REDACTED:", "[REDACTED:secret]", "ghp_", "AKIA", "eyJ", "sk-", "alk_", "x", "42",
    ];

    // Characters that can stand right before or after a token in real text; none continues a token.
    private static readonly string[] Delimiters = [" ", "\n", "=", ":", ": ", "'", "\"", "/", "(", ")", "@", ",", ";", "\t", "<", ">"];

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Fact]
    public void Redact_TextWithAGeneratedToken_NeverLetsTheTokenThrough()
    {
        var before = Gen.Zip(RandomText(), Gen.Elements(Delimiters), (text, delimiter) => text + delimiter);
        var after = Gen.Zip(Gen.Elements(Delimiters), RandomText(), (delimiter, text) => delimiter + text);
        var withToken = Gen.Zip(before, Token(), (text, token) => (Text: text + token, Token: token));
        var input = Gen.Zip(withToken, after, (start, end) => (Text: start.Text + end, start.Token)).ToArbitrary();

        Prop.ForAll(input, sample =>
        {
            var result = SecretRedactor.Redact(sample.Text);
            return !result.Text.Contains(sample.Token, StringComparison.Ordinal) && result.Changed;
        }).Check(Config);
    }

    [Fact]
    public void Redact_AnyText_IsIdempotent()
    {
        Prop.ForAll(RandomText().ToArbitrary(), text =>
        {
            var once = SecretRedactor.Redact(text);
            var twice = SecretRedactor.Redact(once.Text);
            return twice.Text == once.Text && !twice.Changed;
        }).Check(Config);
    }

    [Fact]
    public void Redact_AnyText_KeepsTextWithoutSecretsAndReportsEachMarkerMade()
    {
        Prop.ForAll(RandomText().ToArbitrary(), text =>
        {
            var result = SecretRedactor.Redact(text);
            if (!result.Changed)
            {
                return result.Text == text;
            }

            // Each marker made is reported; a later pass may swallow an earlier marker, never the reverse.
            var markers = CountMarkers(result.Text);
            return markers >= 1 && (CountMarkers(text) > 0 || markers <= result.Kinds.Count);
        }).Check(Config);
    }

    private static int CountMarkers(string text)
    {
        var count = 0;
        for (var at = text.IndexOf("[REDACTED:", StringComparison.Ordinal); at >= 0; at = text.IndexOf("[REDACTED:", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static Gen<string> RandomText() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.ListOf(Gen.Elements(Pieces)).Select(list => string.Concat(list)));

    /// <summary>A format-valid token of a random kind, with a random tail.</summary>
    private static Gen<string> Token() =>
        Gen.OneOf(
            Tail(Alphanumeric, 36).Select(t => "ghp_" + t),
            Tail(Alphanumeric, 36).Select(t => "gho_" + t),
            Tail(Alphanumeric, 82).Select(t => "github_pat_" + t),
            Tail(Base64Url, 20).Select(t => "glpat-" + t),
            Tail(Alphanumeric, 24).Select(t => "xoxb-123456789012-" + t),
            Tail(Alphanumeric, 24).Select(t => "sk_live_" + t),
            Tail(Alphanumeric, 24).Select(t => "rk_live_" + t),
            Tail(Alphanumeric, 48).Select(t => "sk-" + t),
            Tail(Alphanumeric, 48).Select(t => "sk-proj-" + t),
            Tail(Base64Url, 80).Select(t => "sk-ant-api03-" + t),
            Tail(UpperAlphanumeric, 16).Select(t => "AKIA" + t),
            Tail(UpperAlphanumeric, 16).Select(t => "ASIA" + t),
            Tail(Base64Url, 35).Select(t => "AIza" + t),
            Tail(Alphanumeric, 36).Select(t => "npm_" + t),
            Tail(Base64Url, 32).Select(t => "alk_approver_" + t),
            Tail(Base64Url, 43).Select(t => "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0." + t));

    private static Gen<string> Tail(string alphabet, int length) =>
        Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), length).Select(chars => new string(chars));
}
