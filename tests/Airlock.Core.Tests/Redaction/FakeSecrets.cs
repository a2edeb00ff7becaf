namespace Airlock.Tests.Redaction;

/// <summary>
/// Obviously fake secrets in each real format, built at run time so that no format-valid token sits in
/// the source for a secret scanner to flag.
/// </summary>
internal static class FakeSecrets
{
    public static readonly string Opaque = "FaKeOpaqueValue0123456789";
    public static readonly string GitHub = "ghp_" + Fill(36);
    public static readonly string GitHubPat = "github_pat_" + Fill(22) + "_" + Fill(59);
    public static readonly string GitLab = "glpat-" + Fill(20);
    public static readonly string Slack = "xoxb-1234567890-1234567890-" + Fill(24);
    public static readonly string Stripe = "sk_live_" + Fill(24);
    public static readonly string OpenAi = "sk-proj-" + Fill(48);
    public static readonly string Anthropic = "sk-ant-api03-" + Fill(80);
    public static readonly string AwsKeyId = "AKIA" + Upper(16);
    public static readonly string AwsSecret = "FaKe/SeCrEt+" + Fill(28);
    public static readonly string Google = "AIza" + Fill(35);
    public static readonly string Npm = "npm_" + Fill(36);
    public static readonly string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0." + Fill(43);
    public static readonly string AirlockToken = "alk_agent_" + Fill(32);
    public static readonly string BasicCredentials = "ZmFrZTpmYWtl";

    public static readonly string PrivateKey =
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Fill(64) + "\n" + Fill(40) + "\n-----END OPENSSH PRIVATE KEY-----";

    /// <summary>"FaKe0123456789FaKe…" cut to length: plainly fake, yet letters and digits like a real tail.</summary>
    public static string Fill(int length) => string.Concat(Enumerable.Repeat("FaKe0123456789", length / 14 + 1))[..length];

    private static string Upper(int length) => string.Concat(Enumerable.Repeat("FAKE0123456789", length / 14 + 1))[..length];
}
