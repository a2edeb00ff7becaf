using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// Database clients (psql, mysql, sqlite3, mongosh, redis-cli, …): the statements they would run,
/// from options, files, here-documents or piped input, at the server their options, URL or
/// environment name. No server named means the client's local default.
/// </summary>
internal sealed class DatabaseHandler(AnalysisContext context) : ICommandHandler
{
    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var spec = entry.Database ?? new DatabaseClientSpec();
        var valueOptions = new HashSet<string>(entry.ValueOptions.Concat(spec.QueryOptions).Concat(spec.FileOptions).Concat(spec.HostOptions), StringComparer.Ordinal);
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), valueOptions);
        var program = entry.Names[0];
        var location = Locate(spec, parsed, invocation, program);
        if (spec.RestoreOptions.Count > 0)
        {
            // A restore writes a dump into the database; with --clean it first drops what is there.
            var clean = parsed.HasAny(spec.RestoreOptions);
            context.Add(new Operation
            {
                Kind = clean ? "database.restore.clean" : "database.restore",
                Verb = clean ? Verb.Delete : Verb.Write,
                Reversibility = clean ? Reversibility.Irreversible : Reversibility.Reversible,
                BlastRadius = location.Radius,
                Environment = location.Environment,
                EnvironmentEvidence = location.Evidence,
                Target = location.Target,
                Evidence = invocation.Evidence,
                Tool = program,
            }, invocation);
            return;
        }

        var texts = new List<(string Text, bool Known)>();

        texts.AddRange(parsed.ValuesOf(spec.QueryOptions).Select(a => (a.Text, a.Known)));
        foreach (var file in parsed.ValuesOf(spec.FileOptions))
        {
            var path = context.ClassifyPath(file.Text, invocation);
            var content = file.Known ? context.WrittenFile(path.Path) ?? ScriptFiles.TryRead(path.Path, context) : null;
            texts.Add((content ?? file.Text, content is not null));
        }

        var positionals = parsed.Positionals.ToList();
        if (spec.PositionalQuery && positionals.Count > (spec.Language == "redis" ? 0 : 1))
        {
            var words = positionals.Skip(spec.Language == "redis" ? 0 : 1).ToList();
            if (spec.Language == "redis" && words.All(w => w.Known))
            {
                SqlText.Report(context, Sql.RedisAnalyzer.Analyze(words.Select(w => w.Text).ToList()), invocation, program, location);
                return;
            }

            texts.Add((string.Join(' ', words.Select(w => w.Text)), words.All(w => w.Known)));
        }

        if (texts.Count == 0 && invocation.Stdin.Present)
        {
            texts.Add((invocation.Stdin.Text ?? "", invocation.Stdin.Text is not null));
        }

        if (texts.Count == 0)
        {
            context.Add(new Operation { Kind = "database.session", Verb = Verb.Read, Target = location.Target, Environment = location.Environment, EnvironmentEvidence = location.Evidence, Evidence = invocation.Evidence, Tool = program }, invocation);
            return;
        }

        foreach (var (text, known) in texts)
        {
            if (!known)
            {
                context.Add(new Operation
                {
                    Kind = "database.unknown",
                    Verb = Verb.ExecuteUnknown,
                    Reversibility = Reversibility.Irreversible,
                    BlastRadius = location.Radius,
                    Environment = location.Environment,
                    EnvironmentEvidence = location.Evidence,
                    Target = location.Target,
                    Evidence = $"runs statements that cannot be read before they run: {invocation.Evidence}",
                    Tool = program,
                }, invocation);
                continue;
            }

            context.Note($"{program} runs {spec.Language}: {ShellAnalyzer.Truncate(text, 200)}");
            SqlText.Report(context, text, invocation, program, location, spec.Language);
        }
    }

    private DatabaseLocation Locate(DatabaseClientSpec spec, ParsedArgs parsed, Invocation invocation, string program)
    {
        if (spec.LocalFile)
        {
            var file = parsed.Positionals.FirstOrDefault();
            if (file is null || !file.Known || file.Text == ":memory:")
            {
                return new DatabaseLocation(DeploymentEnvironment.Local, BlastRadius.LocalScratch, "an in-memory database", "no database file: in memory");
            }

            var path = context.ClassifyPath(file.Text, invocation);
            return new DatabaseLocation(DeploymentEnvironment.Local, path.Radius, path.Path, $"the local database file '{path.Path}'");
        }

        // A server named by something Airlock cannot see ($DATABASE_URL) may be any server.
        var unseen = parsed.ValuesOf(spec.HostOptions).Concat(spec.PositionalQuery ? [] : parsed.Positionals).FirstOrDefault(a => !a.Known);
        if (unseen is not null)
        {
            // The variable's name may still say where it points ($PROD_DATABASE_URL).
            var named = EnvironmentInference.FromText(unseen.Text.TrimStart('$', '{'));
            return named is { } env and not DeploymentEnvironment.Local
                ? new DatabaseLocation(env, BlastRadius.Remote, unseen.Text, $"the variable '{unseen.Text}' names it")
                : new DatabaseLocation(DeploymentEnvironment.Unknown, BlastRadius.Remote, unseen.Text, $"the server is named by '{unseen.Text}', which Airlock cannot see; treated as unknown");
        }

        var hosts = parsed.ValuesOf(spec.HostOptions).Select(v => v.Text)
            .Concat(parsed.Positionals.Select(p => DatabaseLocation.HostOfUrl(p.Text) ?? DatabaseLocation.HostOfConninfo(p.Text)).OfType<string>())
            .Concat(parsed.Values.Select(v => DatabaseLocation.HostOfUrl(v.Value.Text) ?? DatabaseLocation.HostOfConninfo(v.Value.Text)).OfType<string>())
            .ToList();
        foreach (var variable in spec.HostVariables)
        {
            var value = invocation.Assignments.TryGetValue(variable, out var assigned) ? assigned.Text
                : invocation.Scope.Get(variable, out var known) is { } scoped && known ? scoped
                : context.EnvironmentHints.GetValueOrDefault(variable);
            if (value is not null)
            {
                hosts.Add(DatabaseLocation.HostOfUrl(value) ?? value);
            }
        }

        if (hosts.Count == 0)
        {
            var (named, evidence) = EnvironmentResolver.Resolve(null, null, invocation, context, []);
            return named is DeploymentEnvironment.Unknown or DeploymentEnvironment.Local
                ? DatabaseLocation.Local($"the local {program} default")
                : new DatabaseLocation(named, BlastRadius.Remote, $"the {program} default", evidence);
        }

        return hosts.Select(DatabaseLocation.FromHost).MaxBy(l => (l.Radius, EnvironmentInference.Rank(l.Environment)))!;
    }
}
