using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>Applies a catalog entry's rules: the first rule whose sub-command, flags and arguments match decides.</summary>
internal sealed class RuleHandler(AnalysisContext context) : ICommandHandler
{
    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), entry.ValueOptions);
        var name = entry.Names[0];
        if (AsksForHelp(parsed))
        {
            context.Add(new Operation { Kind = "exec.help", Verb = Verb.Read, Target = name, Evidence = invocation.Evidence, Tool = name }, invocation);
            return;
        }

        if (IsDryRun(parsed))
        {
            context.Add(new Operation { Kind = "exec.dry-run", Verb = Verb.Read, Target = name, Evidence = $"a dry run changes nothing: {invocation.Evidence}", Tool = name }, invocation);
            return;
        }

        var rule = entry.Rules.FirstOrDefault(r => Matches(r, parsed)) ?? entry.Default;
        if (rule is null)
        {
            rule = entry.Scope == ToolScope.Remote
                ? new CatalogRule { Kind = name + ".unknown", Verb = Verb.Write }
                : new CatalogRule { Kind = "exec.program", Verb = Verb.Execute };
            context.Note($"no rule of '{name}' matched; using {rule.Kind}");
        }
        else
        {
            context.Note($"rule {rule.Kind} of '{name}' matched (catalog line {rule.Line})");
        }

        var targets = parsed.Positionals.Skip(rule.Command.Count).Where(p => p.Known).Select(p => p.Text).ToList();
        var program = CommandNames.Program(argv[0].Text);
        var target = targets.Count > 0 ? string.Join(' ', targets) : string.Join(' ', parsed.Positionals.Take(rule.Command.Count).Select(p => p.Text).Prepend(program));
        var operation = Build(entry, rule, parsed, invocation, ShellAnalyzer.Truncate(target, 160), targets);
        if (parsed.ValuesOf(rule.SqlOptions).FirstOrDefault() is { Known: true } sql)
        {
            // The statements say what happens, at the place the rule and its options name.
            var location = new DatabaseLocation(operation.Environment, operation.BlastRadius, operation.Target, operation.EnvironmentEvidence ?? "");
            SqlText.Report(context, sql.Text, invocation, name, location);
            return;
        }

        context.Add(operation, invocation);
        if (rule.SendsFiles)
        {
            // Local files named on an upload (gh gist create .env, aws s3 cp .env s3://…) leave the machine.
            foreach (var file in parsed.Positionals.Skip(rule.Command.Count).Where(p => p.Known && !p.Text.Contains("://", StringComparison.Ordinal)))
            {
                var path = context.ClassifyPath(file.Text, invocation, file.Glob);
                if (path.IsSecretFile || path.IsCredentialStore)
                {
                    NetworkHandler.AddExfiltration(context, name, $"uploads '{path.Path}'", invocation);
                }
            }
        }
    }

    public Operation Build(ToolEntry entry, CatalogRule rule, ParsedArgs parsed, Invocation invocation, string target, IEnumerable<string> targetTexts)
    {
        var scope = rule.Scope ?? entry.Scope;
        var radius = rule.Radius ?? (rule.Verb == Verb.Read ? BlastRadius.None : scope == ToolScope.Remote ? BlastRadius.Remote : BlastRadius.Workspace);
        if (rule.Environment is { } fixedEnvironment)
        {
            return new Operation
            {
                Kind = rule.Kind,
                Verb = rule.Verb,
                Reversibility = rule.Reversibility,
                BlastRadius = radius,
                Environment = fixedEnvironment,
                EnvironmentEvidence = $"{entry.Names[0]} acts on a shared service, not a deployment",
                Target = target,
                Evidence = invocation.Evidence,
                Tool = entry.Names[0],
            };
        }

        var (env, envEvidence) = scope == ToolScope.Remote || rule.Verb != Verb.Read
            ? EnvironmentResolver.Resolve(entry, parsed, invocation, context, scope == ToolScope.Remote ? targetTexts : [])
            : (DeploymentEnvironment.Local, "acts on the local machine");
        if (scope == ToolScope.Remote && env == DeploymentEnvironment.Local && radius == BlastRadius.Remote)
        {
            // A local cluster or emulator (kind, minikube, docker-desktop) is scratch; a local database is the developer's own work.
            radius = rule.Kind.StartsWith("database.", StringComparison.Ordinal) ? BlastRadius.Workspace : BlastRadius.LocalScratch;
        }

        if (scope == ToolScope.Local)
        {
            // A local tool pointed at a named environment (RAILS_ENV=production rails db:drop) acts there.
            if (env is DeploymentEnvironment.Unknown or DeploymentEnvironment.Local)
            {
                (env, envEvidence) = (DeploymentEnvironment.Local, "acts on the local machine");
            }
            else if (radius < BlastRadius.Remote)
            {
                radius = BlastRadius.Remote;
            }
        }
        return new Operation
        {
            Kind = rule.Kind,
            Verb = rule.Verb,
            Reversibility = rule.Reversibility,
            BlastRadius = radius,
            Environment = env,
            EnvironmentEvidence = envEvidence,
            Target = target,
            Evidence = invocation.Evidence,
            Tool = entry.Names[0],
        };
    }

    /// <summary><c>--help</c>, <c>--version</c>, or a first or last word <c>help</c>: every tool only prints then.</summary>
    private static bool AsksForHelp(ParsedArgs parsed) =>
        parsed.HasAny(["--help", "--version", "-help", "-version"]) || parsed.Positionals is [{ Text: "help" }, ..] or [.., { Text: "help" }];

    /// <summary><c>--dry-run</c> (any value but none), <c>--dryrun</c>, <c>-WhatIf</c>: the tool reports what it would do.</summary>
    private static bool IsDryRun(ParsedArgs parsed) =>
        parsed.HasAny(["--dryrun", "-WhatIf", "--whatif", "--what-if"])
        || (parsed.Has("--dry-run") && parsed.Value("--dry-run")?.Text is null or not "none");

    public static bool Matches(CatalogRule rule, ParsedArgs parsed)
    {
        var positionals = parsed.Positionals;
        if (positionals.Count < rule.Command.Count)
        {
            return false;
        }

        for (var i = 0; i < rule.CommandAlternatives.Length; i++)
        {
            if (!positionals[i].Known || !MatchesAny(rule.CommandAlternatives[i], positionals[i].Text))
            {
                return false;
            }
        }

        if (rule.AnyFlag.Count > 0 && !parsed.HasAny(rule.AnyFlag))
        {
            return false;
        }

        if (rule.NoFlag.Count > 0 && parsed.HasAny(rule.NoFlag))
        {
            return false;
        }

        if (rule.AllFlags.Count > 0 && !rule.AllFlags.All(parsed.Has))
        {
            return false;
        }

        var values = rule.AnyValue.Count + rule.NoValue.Count > 0 ? parsed.Values.Select(v => $"{v.Option}={v.Value.Text}").ToList() : [];
        if (rule.AnyValue.Count > 0 && !values.Any(v => rule.AnyValue.Any(g => Glob.Match(g, v, ignoreCase: true))))
        {
            return false;
        }

        if (rule.NoValue.Count > 0 && values.Any(v => rule.NoValue.Any(g => Glob.Match(g, v, ignoreCase: true))))
        {
            return false;
        }

        var rest = positionals.Skip(rule.Command.Count).ToList();
        if ((rule.FirstArg.Count > 0 && (rest.Count == 0 || !MatchesAll(rule.FirstArg, rest[0].Text)))
            || (rule.LastArg.Count > 0 && (rest.Count == 0 || !MatchesAll(rule.LastArg, rest[^1].Text))))
        {
            return false;
        }

        return rule.AnyArg.Count == 0
            || rest.Any(p => p.Known && rule.AnyArg.Any(g => MatchesWord(g, p.Text)));
    }

    /// <summary>Every glob holds; a glob starting with ! must not match.</summary>
    private static bool MatchesAll(IReadOnlyList<string> globs, string text) =>
        globs.All(g => g.StartsWith('!') ? !Glob.Match(g[1..], text, ignoreCase: true) : Glob.Match(g, text, ignoreCase: true));

    private static bool MatchesWord(string alternatives, string word) => MatchesAny(alternatives.Split('|'), word);

    private static bool MatchesAny(string[] alternatives, string word)
    {
        foreach (var alternative in alternatives)
        {
            if (alternative == "*" || Glob.Match(alternative, word, ignoreCase: true))
            {
                return true;
            }
        }

        return false;
    }
}
