using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// Walks a parsed shell script in order: expands each command's words with what is known of the
/// variables, follows pipes (what one command prints is the next one's stdin), applies redirections,
/// and hands every command to <see cref="CommandAnalyzer"/>.
/// </summary>
internal sealed class ShellAnalyzer
{
    private const int MaxLoopUnroll = 8;

    private readonly AnalysisContext _context;
    private readonly CommandAnalyzer _commands;
    private readonly Dictionary<Command, CommandOutput> _outputs = new(ReferenceEqualityComparer.Instance);

    public ShellAnalyzer(AnalysisContext context)
    {
        _context = context;
        _commands = new CommandAnalyzer(context, this);
    }

    /// <summary>Parses and analyzes a script; what cannot be parsed within bounds becomes an unknown execution.</summary>
    public void AnalyzeScript(string script, Invocation invocation)
    {
        if (invocation.Depth > 0 && !_context.TryEnterNested())
        {
            Unanalyzable(invocation, "nested commands exceed what Airlock analyzes in one call", script);
            return;
        }

        ShellParseResult parsed;
        try
        {
            parsed = ShellParser.Parse(script);
        }
        catch (ShellParseException e)
        {
            Unanalyzable(invocation, e.Message, script);
            return;
        }

        if (parsed.Incomplete)
        {
            _context.Note($"the shell syntax is incomplete (an unterminated quote or block); what could be parsed is analyzed");
        }

        AnalyzeList(parsed.Commands, invocation);
    }

    public void AnalyzeList(CommandList list, Invocation invocation)
    {
        foreach (var command in list.Commands)
        {
            AnalyzeCommand(command, invocation);
        }
    }

    /// <summary>Analyzes the commands inside <c>$(…)</c> and computes its value when it can be.</summary>
    public SubstitutionValue AnalyzeSubstitution(CommandList body, Invocation invocation)
    {
        var before = _context.OperationCount;
        AnalyzeList(body, invocation with { Scope = invocation.Scope.Clone() });
        var last = body.Commands.Count > 0 ? body.Commands[^1] : null;
        var output = last is not null && _outputs.TryGetValue(last, out var o) ? o : default;
        return new SubstitutionValue(output.Text?.TrimEnd('\n'), output.Tainted || EmitsSecrets(before));
    }

    private void AnalyzeCommand(Command command, Invocation invocation)
    {
        switch (command)
        {
            case SimpleCommand simple:
                _outputs[simple] = AnalyzeSimple(simple, invocation);
                break;
            case CompoundCommand compound:
                AnalyzeCompound(compound, invocation);
                break;
        }
    }

    private void AnalyzeCompound(CompoundCommand compound, Invocation invocation)
    {
        var before = _context.OperationCount;
        var expander = Expander(invocation);
        if (compound.Keyword == "function" && compound.Words is [var nameWord] && nameWord.Parts is [LiteralPart { Text: var functionName }] && compound.Bodies.Count == 1)
        {
            // Remembered so that calls are analyzed with their arguments; the body is analyzed once now as well.
            _context.Functions[functionName] = compound.Bodies[0];
        }

        var words = compound.Keyword == "function" ? [] : expander.ExpandFields(compound.Words);
        var scope = compound.Keyword is "(" or "function" ? invocation.Scope.Clone() : invocation.Scope;
        var inner = invocation with { Scope = scope };

        if (compound.LoopVariable is { } variable && words.Count is > 0 and <= MaxLoopUnroll && words.All(w => w.Known && !w.Glob))
        {
            foreach (var value in words)
            {
                scope.Set(variable, value.Text, value.Tainted);
                foreach (var body in compound.Bodies)
                {
                    AnalyzeList(body, inner);
                }
            }
        }
        else
        {
            if (compound.LoopVariable is { } loopVariable)
            {
                // The loop's values are globs or unknown: the variable is unknown inside the body.
                scope.Set(loopVariable, words.Count == 1 && words[0].Known ? words[0].Text : null, words.Any(w => w.Tainted));
            }

            foreach (var body in compound.Bodies)
            {
                AnalyzeList(body, inner);
            }
        }

        foreach (var redirect in compound.Redirects.Where(r => r.Operator == "<"))
        {
            ReadRedirectedFile(expander.ExpandSingle(redirect.Target), invocation);
        }

        ApplyOutputRedirects(compound.Redirects, expander, invocation, null, EmitsSecrets(before));
    }

    private CommandOutput AnalyzeSimple(SimpleCommand command, Invocation invocation)
    {
        var expander = Expander(invocation);
        var evidence = Evidence(command);
        var before = _context.OperationCount;

        if (command.Words.Count == 0)
        {
            foreach (var assignment in command.Assignments)
            {
                var value = expander.ExpandSingle(assignment.Value);
                var current = assignment.Append ? invocation.Scope.Get(assignment.Name, out var known) : "";
                var isKnown = value.Known && (!assignment.Append || current is not null);
                invocation.Scope.Set(assignment.Name, isKnown ? current + value.Text : null, value.Tainted);
                if (assignment.Elements is { } elements)
                {
                    var values = expander.ExpandFields(elements);
                    invocation.Scope.SetArray(assignment.Name, values.All(v => v.Known) && !assignment.Append ? values.Select(v => v.Text).ToList() : null);
                }
            }

            ApplyOutputRedirects(command.Redirects, expander, invocation with { Evidence = evidence }, null, EmitsSecrets(before));
            return new CommandOutput(null, EmitsSecrets(before));
        }

        var assignments = new Dictionary<string, Arg>(invocation.Assignments, StringComparer.Ordinal);
        foreach (var assignment in command.Assignments)
        {
            assignments[assignment.Name] = expander.ExpandSingle(assignment.Value);
        }

        var argv = expander.ExpandFields(command.Words);
        var stdin = StdinOf(command, expander, invocation with { Evidence = evidence });
        var run = invocation with { Evidence = evidence, Stdin = stdin, Assignments = assignments };
        _commands.Analyze(argv, run);
        var tainted = EmitsSecrets(before) || (stdin.Tainted && !_commands.IsSink(argv));
        ApplyOutputRedirects(command.Redirects, expander, run, argv, tainted);

        var text = StaticEvaluator.Output(argv, stdin, invocation.CwdUnknown ? null : invocation.Cwd);
        return new CommandOutput(text, tainted, text is null ? Handlers.FindHandler.Outputs(argv) : null);
    }

    private Stdin StdinOf(SimpleCommand command, WordExpander expander, Invocation invocation)
    {
        // Without a pipe or redirection, a command reads the stdin of the script it is in.
        var stdin = invocation.Stdin;
        if (command.Upstream is { } upstream)
        {
            var output = _outputs.TryGetValue(upstream, out var o) ? o : default;
            stdin = new Stdin(true, output.Text, output.Tainted) { Items = output.Items };
        }

        foreach (var redirect in command.Redirects)
        {
            switch (redirect.Operator)
            {
                case "<<" or "<<-":
                    stdin = new Stdin(true, redirect.HereDocBody ?? "", false);
                    break;
                case "<<<":
                    var word = expander.ExpandSingle(redirect.Target);
                    stdin = new Stdin(true, word.Known ? word.Text + "\n" : null, word.Tainted);
                    break;
                case "<":
                    stdin = ReadRedirectedFile(expander.ExpandSingle(redirect.Target), invocation);
                    break;
            }
        }

        return stdin;
    }

    private Stdin ReadRedirectedFile(Arg target, Invocation invocation)
    {
        if (!target.Known)
        {
            return Stdin.Unknown;
        }

        var path = _context.ClassifyPath(target.Text, invocation);
        if (path.IsCredentialStore)
        {
            _commands.AddCredentialRead(path, invocation);
        }

        var text = _context.WrittenFile(path.Path) ?? ScriptFiles.TryRead(path.Path, _context);
        return new Stdin(true, text, path.IsSecretFile);
    }

    private void ApplyOutputRedirects(IReadOnlyList<Redirect> redirects, WordExpander expander, Invocation invocation, IReadOnlyList<Arg>? argv, bool tainted)
    {
        foreach (var redirect in redirects.Where(r => r.IsOutput || r.Operator == ">&"))
        {
            var target = expander.ExpandSingle(redirect.Target);
            if (redirect.Operator == ">&" && (target.Text.All(char.IsAsciiDigit) || target.Text == "-"))
            {
                continue;
            }

            if (target.Known && target.Text is "/dev/null" or "/dev/stdout" or "/dev/stderr" or "/dev/tty" || target.Text.StartsWith("/dev/fd/", StringComparison.Ordinal))
            {
                continue;
            }

            if (target.Text.StartsWith("/dev/tcp/", StringComparison.Ordinal) || target.Text.StartsWith("/dev/udp/", StringComparison.Ordinal))
            {
                // bash opens a network connection for these names.
                NetworkOutput(target.Text, tainted, invocation);
                continue;
            }

            var append = redirect.Operator is ">>" or "&>>";
            _commands.AddFileWrite(target, invocation, append ? "file.append" : "file.overwrite", $"redirects output to '{target.Text}'");
            RememberWrittenFile(target, invocation, argv);
        }
    }

    /// <summary><c>cat &gt; x.sh &lt;&lt;EOF … EOF</c>: keep the text so that running x.sh later in the same command is analyzed.</summary>
    private void RememberWrittenFile(Arg target, Invocation invocation, IReadOnlyList<Arg>? argv)
    {
        if (!target.Known || argv is null || invocation.Stdin.Text is null)
        {
            return;
        }

        var program = argv.Count > 0 ? CommandNames.Program(argv[0].Text) : "";
        var output = program is "cat" or "tee" ? invocation.Stdin.Text : StaticEvaluator.Output(argv, invocation.Stdin);
        if (output is not null)
        {
            _context.WrittenFiles[_context.ClassifyPath(target.Text, invocation).Path] = output;
        }
    }

    private void NetworkOutput(string target, bool tainted, Invocation invocation)
    {
        var host = target.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2).FirstOrDefault() ?? "a remote host";
        if (tainted)
        {
            Handlers.NetworkHandler.AddExfiltration(_context, host, "writes secrets to a network connection", invocation);
            return;
        }

        var (env, evidence) = EnvironmentResolver.FromHost(host);
        _context.Add(new Operation { Kind = "network.send", Verb = Verb.Write, BlastRadius = BlastRadius.Remote, Environment = env, EnvironmentEvidence = evidence, Target = target, Evidence = invocation.Evidence, Tool = "shell" }, invocation);
    }

    private WordExpander Expander(Invocation invocation) => new(invocation.Scope, body => AnalyzeSubstitution(body, invocation.Nested("$(…)")));

    private bool EmitsSecrets(int operationsBefore)
    {
        for (var i = operationsBefore; i < _context.OperationCount; i++)
        {
            var operation = _context.Operations[i];
            if (operation.Verb is Verb.CredentialAccess || operation.Kind is "env.read" or "secret.read")
            {
                return true;
            }
        }

        return false;
    }

    private void Unanalyzable(Invocation invocation, string why, string text)
    {
        _context.Add(KnownOperations.Unanalyzable("shell.unanalyzable", Truncate(text, 80), why, "shell"), invocation);
    }

    private static string Evidence(SimpleCommand command)
    {
        var parts = command.Assignments.Select(a => a.Name + "=" + a.Value.Source).Concat(command.Words.Select(w => w.Source));
        return Truncate(string.Join(' ', parts), 300);
    }

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    /// <summary>What a command prints, when known; whether it carries secrets; the paths it lists (find), for xargs.</summary>
    private readonly record struct CommandOutput(string? Text, bool Tainted, IReadOnlyList<Arg>? Items = null);
}
