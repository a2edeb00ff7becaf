using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// grep, rg, ag, ack: searching the project is a read; hunting for tokens, keys or passwords outside
/// it (<c>grep -r TOKEN ~/.config</c>) is credential access.
/// </summary>
internal sealed class SearchHandler(AnalysisContext context) : ICommandHandler
{
    private static readonly string[] SecretPatterns = ["token", "secret", "password", "passwd", "api_key", "apikey", "api-key", "private key", "private_key", "credential", "aws_access", "bearer", "begin rsa", "begin openssh", "ghp_", "github_pat", "sk-", "sk_live", "xox", "akia", "asia", "id_rsa", "id_ed25519", ".pem"];

    /// <summary>Whether a search pattern hunts for secrets (tokens, keys, passwords).</summary>
    public static bool LooksSecret(string pattern) => SecretPatterns.Any(s => pattern.Contains(s, StringComparison.OrdinalIgnoreCase));

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), entry.ValueOptions);
        var explicitPatterns = parsed.ValuesOf(["-e", "--regexp"]).ToList();
        var positionals = parsed.Positionals.ToList();
        var patterns = explicitPatterns.Count > 0 ? explicitPatterns : positionals.Take(1).ToList();
        var paths = positionals.Skip(explicitPatterns.Count > 0 ? 0 : 1).ToList();

        var huntsSecrets = patterns.Any(p => LooksSecret(p.Text));
        var outsideProject = paths.Any(p => !p.Known || context.ClassifyPath(p.Text, invocation, p.Glob) is { } path
            && (path.Radius >= BlastRadius.Machine || path.IsCredentialStore || path.Path.StartsWith('~')));
        if (huntsSecrets && outsideProject)
        {
            context.Add(new Operation
            {
                Kind = "credential.search",
                Verb = Verb.CredentialAccess,
                Reversibility = Reversibility.Irreversible,
                BlastRadius = BlastRadius.Machine,
                Target = string.Join(' ', paths.Select(p => p.Text)),
                Evidence = $"searches for secrets outside the project: {invocation.Evidence}",
                Tool = entry.Names[0],
            }, invocation);
            return;
        }

        context.Add(new Operation { Kind = "file.search", Verb = Verb.Read, Target = string.Join(' ', paths.Select(p => p.Text)), Evidence = invocation.Evidence, Tool = entry.Names[0] }, invocation);
    }
}
