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
    private static readonly HashSet<string> HeaderOptions = new(StringComparer.Ordinal) { "-H", "--header", "-Headers", "-u", "--user", "--oauth2-bearer" };

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

        foreach (var call in calls)
        {
            foreach (var operation in HttpClassifier.Classify(call))
            {
                context.Add(operation with { Evidence = $"{operation.Evidence}: {invocation.Evidence}" }, invocation);
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

        if (call.ReadsBodyFromStdin && invocation.Stdin.Tainted)
        {
            NetworkHandler.AddExfiltration(context, host, "sends secrets read from stdin", invocation);
        }

        for (var i = 1; i < argv.Count; i++)
        {
            // Credentials in an Authorization header are how APIs are called; secrets in a body or URL are sent away.
            var afterHeaderOption = HeaderOptions.Contains(argv[i - 1].Text);
            if (argv[i].Tainted && !afterHeaderOption && !argv[i].Text.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))
            {
                NetworkHandler.AddExfiltration(context, host, "puts secret values in the request", invocation);
                return;
            }
        }
    }
}
