using Airlock.Catalog;
using Airlock.Http;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// curl, wget, httpie, xh and PowerShell's web cmdlets: each request's method, URL and body (GraphQL
/// included) is classified; a body made of secrets — a credential or .env file, the environment on
/// stdin, a secret variable — sent to another host is exfiltration.
/// </summary>
internal sealed class HttpHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    private static readonly HashSet<string> HeaderOptions = new(StringComparer.Ordinal) { "-H", "--header", "-Headers" };

    private static readonly string[] TestKeyPrefixes = ["sk_test_", "rk_test_", "pk_test_"];

    private static readonly string[] AuthenticationHeaders = ["authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token", "private-token", "x-access-token", "cookie", "x-goog-api-key", "x-vault-token", "x-github-token"];

    private static bool IsAuthenticationHeader(string header)
    {
        var name = header.Split(':', 2)[0].Trim().ToLowerInvariant();
        return AuthenticationHeaders.Contains(name);
    }

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var program = CommandNames.Program(argv[0].Text);
        var calls = HttpCommandParser.Parse(program, argv.Skip(1).Select(a => a.Text).ToList());
        if (calls.Count == 0)
        {
            commands.ApplyRules(entry, argv, invocation);
            return;
        }

        // A test-mode API key (sk_test_…) means the call goes to the provider's test environment.
        var testMode = argv.Any(a => TestKeyPrefixes.Any(p => a.Text.Contains(p, StringComparison.Ordinal)));
        foreach (var call in calls)
        {
            foreach (var operation in HttpClassifier.Classify(call))
            {
                var judged = testMode && operation.Environment == DeploymentEnvironment.Unknown
                    ? operation with { Environment = DeploymentEnvironment.Dev, EnvironmentEvidence = "a test-mode API key" }
                    : operation;
                context.Add(judged with { Evidence = $"{operation.Evidence}: {invocation.Evidence}" }, invocation);
            }

            CheckExfiltration(call, argv, invocation);
        }
    }

    private void CheckExfiltration(HttpCall call, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var host = call.Host ?? "an unknown host";
        if (call.Host is not null && EnvironmentInference.IsLocalHost(call.Host))
        {
            return;
        }

        foreach (var file in call.BodyFiles)
        {
            var path = context.ClassifyPath(file, invocation);
            if (path.IsSecretFile || path.IsCredentialStore)
            {
                NetworkHandler.AddExfiltration(context, host, $"uploads '{path.Path}'", invocation);
                if (path.IsCredentialStore)
                {
                    commands.AddCredentialRead(path, invocation);
                }
            }
        }

        if (call.InlineBodies.Append(call.Url).Select(SecretLiterals.Find).FirstOrDefault(f => f is not null) is { } secret)
        {
            NetworkHandler.AddExfiltration(context, host, $"sends a literal {secret} credential", invocation);
        }

        // PowerShell binds piped input to the request body; `-Body (Get-ChildItem env: …)` sends the environment.
        var powerShell = call.Tool.StartsWith("Invoke-", StringComparison.OrdinalIgnoreCase) || call.Tool is "iwr" or "irm";
        if (powerShell && (invocation.Stdin.Tainted || argv.Any(a => a.Text.StartsWith("env:", StringComparison.OrdinalIgnoreCase))))
        {
            NetworkHandler.AddExfiltration(context, host, "sends the environment", invocation);
        }

        if (call.ReadsBodyFromStdin && invocation.Stdin.Tainted)
        {
            NetworkHandler.AddExfiltration(context, host, "sends secrets read from stdin", invocation);
        }

        for (var i = 1; i < argv.Count; i++)
        {
            // A credential in an authentication header is how an API is called; secrets anywhere else
            // in the request (body, URL, other headers) are sent away.
            var header = HeaderOptions.Contains(argv[i - 1].Text) || argv[i].Text.Contains(':', StringComparison.Ordinal) && !argv[i].Text.Contains("://", StringComparison.Ordinal);
            if (argv[i].Tainted && !(header && IsAuthenticationHeader(argv[i].Text)) && argv[i - 1].Text is not ("-u" or "--user" or "--oauth2-bearer"))
            {
                NetworkHandler.AddExfiltration(context, host, "puts secret values in the request", invocation);
                return;
            }
        }
    }
}
