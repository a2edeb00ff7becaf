using Airlock.Redaction;

namespace Airlock.Tests.Redaction;

/// <summary>
/// Inputs of a mebibyte shaped to defeat a backtracking scanner: each must finish. There is no timing
/// assertion; a quadratic path would make the run hang, which is what these catch.
/// </summary>
public sealed class SecretRedactorScaleTests
{
    private const int Mebibyte = 1 << 20;

    public static TheoryData<string> Patterns => new()
    {
        "a",
        "password=x Authorization: Bearer eyJa.eyJb $TOKEN ",
        "ghp_",
        "eyJa-",
        "eyJa.",
        "AKIAAAAAAAAAAAAAAAAAAAAAAA",
        "-----BEGIN PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----x-----END ",
        "https://u:p@",
        "://",
        "a=",
        "password: ",
        "token=\"$x ",
        "Authorization: Bearer $T ",
        ";Password=",
        "mysql -p",
        "curl -u a:",
        "--password ",
        "PASSWORD ",
        "IDENTIFIED ",
        "\"password\":\"",
        "sk-a",
        "a:",
        "Cookie: a ",
        "Password=a b ",
        "token=Pa(ss ",
        "token = f(x",
        "os.environ[\"TOKEN\"]",
        "docker login -p",
        "x",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Redact_MebibyteOfARepeatedPattern_Finishes(string pattern)
    {
        var text = string.Concat(Enumerable.Repeat(pattern, Mebibyte / pattern.Length + 1));

        var result = SecretRedactor.Redact(text);

        Assert.NotNull(result.Text);
    }

    [Fact]
    public void Redact_MebibyteOfOrdinaryCommands_IsUnchanged()
    {
        var text = string.Concat(Enumerable.Repeat("git status && ls -la src/ | grep -v obj; echo $HOME\n", Mebibyte / 50));

        var result = SecretRedactor.Redact(text);

        Assert.Same(text, result.Text);
    }
}
