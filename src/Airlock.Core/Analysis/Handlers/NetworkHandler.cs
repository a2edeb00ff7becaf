using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// Raw network tools (nc, socat, telnet) and copy tools (scp, rsync, sftp): what they send matters.
/// Secrets on stdin, or a credential or .env file among the sources of a remote copy, is exfiltration.
/// </summary>
internal sealed class NetworkHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), entry.ValueOptions);
        if (entry.Handler == "copy")
        {
            Copy(entry, CommandNames.Program(argv[0].Text), parsed, invocation);
            return;
        }

        var host = parsed.Positionals.FirstOrDefault(p => !p.Text.All(char.IsAsciiDigit))?.Text ?? "a remote host";
        if (invocation.Stdin.Tainted || argv.Any(a => a.Tainted))
        {
            AddExfiltration(context, host, "pipes secrets into a network connection", invocation);
            return;
        }

        commands.ApplyRules(entry, argv, invocation);
    }

    private void Copy(ToolEntry entry, string program, ParsedArgs parsed, Invocation invocation)
    {
        var operands = parsed.Positionals.ToList();
        if (operands.Count < 2)
        {
            commands.ApplyRules(entry, [new Arg(entry.Names[0]), .. operands], invocation);
            return;
        }

        // rsync -n / --dry-run only lists what it would transfer (scp has no dry run).
        if (parsed.HasAny(["--dry-run", "-n"]) && program is "rsync" or "rclone")
        {
            context.Add(new Operation { Kind = "file.copy.dry-run", Verb = Verb.Read, Target = operands[^1].Text, Evidence = invocation.Evidence, Tool = entry.Names[0] }, invocation);
            return;
        }

        var destination = operands[^1];
        var remoteHost = RemoteHost(destination.Text);
        foreach (var source in operands.Take(operands.Count - 1))
        {
            if (RemoteHost(source.Text) is not null || !source.Known)
            {
                continue;
            }

            var path = context.ClassifyPath(source.Text, invocation, source.Glob);
            if (remoteHost is not null && (path.IsSecretFile || path.IsCredentialStore || source.Tainted))
            {
                AddExfiltration(context, remoteHost, $"copies '{path.Path}' to another host", invocation);
            }
        }

        var (env, evidence) = remoteHost is null ? (DeploymentEnvironment.Local, "a local copy") : EnvironmentResolver.FromHost(remoteHost);
        var deletes = parsed.Flags.Any(f => f.StartsWith("--delete", StringComparison.Ordinal));
        context.Add(new Operation
        {
            Kind = deletes ? "file.sync.delete" : "file.copy",
            Verb = deletes ? Verb.Delete : Verb.Write,
            Reversibility = deletes ? Reversibility.Irreversible : Reversibility.Reversible,
            BlastRadius = remoteHost is null ? context.ClassifyPath(destination.Text, invocation).Radius : BlastRadius.Remote,
            Environment = env,
            EnvironmentEvidence = evidence,
            Target = destination.Text,
            Evidence = invocation.Evidence,
            Tool = entry.Names[0],
        }, invocation);
    }

    /// <summary>The host of an scp/rsync operand (<c>user@host:path</c>, <c>rsync://host/x</c>), or null for a local path.</summary>
    private static string? RemoteHost(string operand)
    {
        if (operand.StartsWith("rsync://", StringComparison.Ordinal) || operand.StartsWith("scp://", StringComparison.Ordinal))
        {
            var rest = operand[(operand.IndexOf("//", StringComparison.Ordinal) + 2)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? rest : rest[..slash];
        }

        var colon = operand.IndexOf(':', StringComparison.Ordinal);
        var firstSlash = operand.IndexOf('/', StringComparison.Ordinal);
        if (colon <= 0 || (firstSlash >= 0 && firstSlash < colon))
        {
            return null;
        }

        var host = operand[..colon];
        return host[(host.LastIndexOf('@') + 1)..];
    }

    public static void AddExfiltration(AnalysisContext context, string destination, string what, Invocation invocation, string tool = "network")
    {
        context.Add(new Operation
        {
            Kind = "credential.exfiltrate",
            Verb = Verb.Exfiltrate,
            Reversibility = Reversibility.Irreversible,
            BlastRadius = BlastRadius.Remote,
            Environment = DeploymentEnvironment.Unknown,
            EnvironmentEvidence = "data leaving the machine",
            Target = destination,
            Evidence = $"{what}: {invocation.Evidence}",
            Tool = tool,
        }, invocation);
    }
}
