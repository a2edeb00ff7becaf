using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// Programs that run another program: sudo, env, timeout, nohup, npx, aws-vault exec, doppler run —
/// described by the catalog's <c>wrapper</c> spec — plus xargs (arguments from stdin) and ssh (the
/// command runs on the named host, whose name tells the environment).
/// </summary>
internal sealed class WrapperHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    private static readonly HashSet<string> SshValueOptions = new(StringComparer.Ordinal)
    {
        "-p", "-i", "-l", "-o", "-F", "-J", "-L", "-R", "-D", "-b", "-c", "-E", "-e", "-m", "-O", "-Q", "-S", "-W", "-w", "-B", "-I", "-P",
    };

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        switch (entry.Handler)
        {
            case "xargs":
                Xargs(entry, argv, invocation);
                return;
            case "ssh":
                Ssh(argv, invocation);
                return;
        }

        var spec = entry.Wrapper ?? new WrapperSpec();
        var name = entry.Names[0];
        var args = argv.Skip(1).ToList();
        var parsed = new ParsedArgs(args, entry.ValueOptions, stopAtFirstPositional: spec.After is null && spec.Command.Count == 0 && spec.CommandOption is null);

        if (name == "env" && parsed.ValuesOf(["-S", "--split-string"]).FirstOrDefault() is { } split)
        {
            var script = string.Join(' ', new[] { split.Text }.Concat(parsed.Positionals.Select(p => p.Text)));
            commands.Shell.AnalyzeScript(script, invocation.Nested(script));
            return;
        }

        if (name == "command" && parsed.HasAny(["-v", "-V"]))
        {
            return;
        }

        if (spec.CommandOption is { } option)
        {
            RunCommandOption(entry, spec, option, parsed, argv, invocation);
            return;
        }

        var inner = InnerCommand(spec, parsed, out var commandMatched);
        if (!commandMatched)
        {
            commands.ApplyRules(entry, argv, invocation);
            return;
        }

        var claim = Claim(entry, spec, parsed) ?? invocation.Environment;
        var assignments = new Dictionary<string, Arg>(invocation.Assignments, StringComparer.Ordinal);
        if (spec.Assignments)
        {
            while (inner.Count > 0 && inner[0].Known && inner[0].Text.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq && IsName(inner[0].Text[..eq]))
            {
                assignments[inner[0].Text[..eq]] = inner[0] with { Text = inner[0].Text[(eq + 1)..] };
                inner.RemoveAt(0);
            }
        }

        if (inner.Count == 0)
        {
            if (name is "env" or "printenv")
            {
                context.Add(new Operation { Kind = "env.read", Verb = Verb.Read, Target = "the environment", Evidence = invocation.Evidence, Tool = name }, invocation);
            }

            return;
        }

        context.Note($"'{name}' runs: {string.Join(' ', inner.Select(a => a.Text))}");
        var run = invocation with { Environment = claim, Assignments = assignments };
        if (spec.Remote)
        {
            // kubectl exec POD -- cmd: the command runs in the pod, in the cluster the context names.
            var where = parsed.Positionals.Skip(spec.Command.Count).FirstOrDefault()?.Text ?? name;
            run = run with { RemoteHost = where, Scope = new ShellScope("/", home: "/root"), Depth = invocation.Depth + 1 };
        }

        if (spec.JoinAsShell)
        {
            var script = string.Join(' ', inner.Select(a => a.Text));
            if (inner.Any(a => !a.Known))
            {
                commands.Analyze(inner, run);
                return;
            }

            commands.Shell.AnalyzeScript(script, run.Nested(script, invocation.Stdin));
            return;
        }

        commands.Analyze(inner, run);
    }

    /// <summary>
    /// <c>fly ssh console -C 'cmd'</c>, <c>ansible web -m shell -a 'cmd'</c>: the option's value runs as a shell
    /// command where the tool reaches (an app, a host pattern). Without it, the catalog's rules decide.
    /// </summary>
    private void RunCommandOption(ToolEntry entry, WrapperSpec spec, string option, ParsedArgs parsed, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var commandMatched = spec.Command.Select((word, i) => parsed.Positionals.Count > i && word.Split('|').Contains(parsed.Positionals[i].Text)).All(m => m);
        var module = parsed.Value("-m")?.Text ?? parsed.Value("--module-name")?.Text ?? "command";
        var script = parsed.Value(option);
        if (!commandMatched || script is null || (spec.CommandModules.Count > 0 && !spec.CommandModules.Contains(module)))
        {
            commands.ApplyRules(entry, argv, invocation);
            return;
        }

        var where = parsed.Positionals.Skip(spec.Command.Count).FirstOrDefault()?.Text
            ?? parsed.Values.FirstOrDefault(v => entry.EnvironmentOptions.Contains(v.Option)).Value?.Text ?? entry.Names[0];
        if (!script.Known)
        {
            context.Add(KnownOperations.Unanalyzable("exec.unanalyzable", where, $"runs a command on '{where}' that is not known statically: {invocation.Evidence}", entry.Names[0], BlastRadius.Remote), invocation with { RemoteHost = null, Environment = Claim(entry, spec, parsed) ?? invocation.Environment });
            return;
        }

        context.Note($"'{entry.Names[0]}' runs on '{where}': {script.Text}");
        var remote = invocation with
        {
            RemoteHost = where,
            Environment = Claim(entry, spec, parsed) ?? invocation.Environment,
            Scope = new ShellScope("~"),
        };
        commands.Shell.AnalyzeScript(script.Text, remote.Nested(ShellAnalyzer.Truncate(script.Text, 300)) with { RemoteHost = where });
    }

    private static List<Arg> InnerCommand(WrapperSpec spec, ParsedArgs parsed, out bool matched)
    {
        matched = true;
        var positionals = parsed.Positionals.ToList();
        for (var i = 0; i < spec.Command.Count; i++)
        {
            if (positionals.Count <= i || !spec.Command[i].Split('|').Contains(positionals[i].Text))
            {
                matched = false;
                return [];
            }
        }

        if (spec.After is not null)
        {
            return parsed.Rest?.ToList() ?? positionals.Skip(spec.Command.Count + spec.SkipPositionals).ToList();
        }

        var inner = positionals.Skip(spec.Command.Count + spec.SkipPositionals).ToList();
        if (parsed.Rest is not null)
        {
            inner.AddRange(parsed.Rest);
        }

        return inner;
    }

    private static EnvironmentClaim? Claim(ToolEntry entry, WrapperSpec spec, ParsedArgs parsed)
    {
        var texts = parsed.Values.Where(v => entry.EnvironmentOptions.Contains(v.Option)).Select(v => (v.Value.Text, $"{v.Option} {v.Value.Text}")).ToList();
        if (spec.EnvironmentFromFirstPositional && parsed.Positionals.Count > spec.Command.Count)
        {
            var profile = parsed.Positionals[spec.Command.Count].Text;
            texts.Add((profile, $"{entry.Names[0]} profile '{profile}'"));
        }

        foreach (var (text, evidence) in texts)
        {
            if (EnvironmentInference.FromText(text) is { } env)
            {
                return new EnvironmentClaim(env, evidence);
            }
        }

        return null;
    }

    private void Xargs(ToolEntry entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), entry.ValueOptions, stopAtFirstPositional: true);
        var inner = parsed.Positionals.Concat(parsed.Rest ?? []).ToList();
        if (inner.Count == 0)
        {
            inner.Add(new Arg("echo"));
        }

        // Items come from stdin: known when the input is (echo / | xargs rm -rf), the listed paths after
        // find, unknown otherwise. -0 and -d change how the input is split.
        var separators = parsed.HasAny(["-0", "--null"]) ? ['\0'] : parsed.Value("-d")?.Text is { Length: 1 } d ? [d[0]] : new[] { ' ', '\n', '\t' };
        var items = invocation.Stdin.Text is { } text
            ? text.Split(separators, StringSplitOptions.RemoveEmptyEntries).Select(t => new Arg(t) { Tainted = invocation.Stdin.Tainted }).ToList()
            // Unknown items could be any names here: a glob over the folder, so credential folders and project roots are judged as such.
            : invocation.Stdin.Items?.ToList() ?? [new Arg("*", Known: false) { Glob = true, Tainted = invocation.Stdin.Tainted }];
        var replace = parsed.Value("-I")?.Text ?? (parsed.Has("-i") ? "{}" : null);
        if (replace is not null)
        {
            foreach (var item in items)
            {
                var substituted = inner.Select(a => a.Text.Contains(replace, StringComparison.Ordinal) ? item with { Text = a.Text.Replace(replace, item.Text, StringComparison.Ordinal) } : a).ToList();
                commands.Analyze(substituted, invocation.Nested(string.Join(' ', substituted)));
            }

            return;
        }

        var full = inner.Concat(items).ToList();
        commands.Analyze(full, invocation.Nested(string.Join(' ', full)));
    }

    private void Ssh(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), SshValueOptions, stopAtFirstPositional: true);
        var positionals = parsed.Positionals.Concat(parsed.Rest ?? []).ToList();
        if (positionals.Count == 0)
        {
            return;
        }

        var destination = positionals[0].Text;
        var host = destination.StartsWith("ssh://", StringComparison.Ordinal) ? destination[6..] : destination;
        host = host[(host.LastIndexOf('@') + 1)..];
        var colon = host.IndexOf(':', StringComparison.Ordinal);
        host = colon > 0 ? host[..colon] : host;

        var remote = invocation with { RemoteHost = host, Scope = new ShellScope("~"), Environment = invocation.Environment };
        var words = positionals.Skip(1).ToList();
        string? script = words.Count > 0 ? string.Join(' ', words.Select(w => w.Text)) : invocation.Stdin.Text;
        if (words.Any(w => !w.Known) || (words.Count == 0 && invocation.Stdin.Present && script is null))
        {
            context.Add(KnownOperations.Unanalyzable("exec.unanalyzable", host, $"runs a command on '{host}' that is not known statically: {invocation.Evidence}", "ssh", BlastRadius.Remote), invocation with { RemoteHost = null });
            return;
        }

        if (invocation.Stdin.Tainted && words.Count > 0)
        {
            NetworkHandler.AddExfiltration(context, host, "sends secrets over ssh", invocation);
        }

        if (script is null)
        {
            var (env, evidence) = EnvironmentResolver.FromHost(host);
            context.Add(new Operation
            {
                Kind = "remote.login",
                Verb = Verb.Execute,
                BlastRadius = BlastRadius.Remote,
                Environment = env,
                EnvironmentEvidence = evidence,
                Target = host,
                Evidence = invocation.Evidence,
                Tool = "ssh",
            }, invocation);
            return;
        }

        context.Note($"ssh runs on '{host}': {ShellAnalyzer.Truncate(script, 200)}");
        // The remote command may read this side's stdin (ssh host 'bash -s' < deploy.sh).
        commands.Shell.AnalyzeScript(script, remote.Nested(ShellAnalyzer.Truncate(script, 300), words.Count > 0 ? invocation.Stdin : Stdin.None) with { RemoteHost = host });
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
