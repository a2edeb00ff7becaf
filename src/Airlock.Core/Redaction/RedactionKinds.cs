namespace Airlock.Redaction;

/// <summary>The kinds written inside <c>[REDACTED:kind]</c> markers.</summary>
internal static class RedactionKinds
{
    public const string Secret = "secret";
    public const string Password = "password";
    public const string ConnectionPassword = "connection_password";
    public const string BearerToken = "bearer_token";
    public const string BasicAuth = "basic_auth";
    public const string Authorization = "authorization";
    public const string Cookie = "cookie";
    public const string AwsAccessKey = "aws_access_key";
    public const string AwsSecretKey = "aws_secret_key";
    public const string GitHubToken = "github_token";
    public const string GitLabToken = "gitlab_token";
    public const string SlackToken = "slack_token";
    public const string StripeKey = "stripe_key";
    public const string OpenAiKey = "openai_key";
    public const string AnthropicKey = "anthropic_key";
    public const string GoogleApiKey = "google_api_key";
    public const string HuggingFaceToken = "huggingface_token";
    public const string SendGridKey = "sendgrid_key";
    public const string NpmToken = "npm_token";
    public const string Jwt = "jwt";
    public const string PrivateKey = "private_key";
    public const string AirlockToken = "airlock_token";

    public const string MarkerPrefix = "[REDACTED:";

    public static string Marker(string kind) => MarkerPrefix + kind + "]";
}
