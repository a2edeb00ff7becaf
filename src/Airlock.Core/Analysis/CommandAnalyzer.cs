using Airlock.Analysis.Handlers;
using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// Decides what one expanded command would do: shell builtins that change the analysis state, then
/// the catalog entry for the program and the handler it names. Handlers call back into
/// <see cref="Analyze"/> for the commands they run (wrappers, xargs, find -exec, ssh).
/// </summary>
internal sealed class CommandAnalyzer
{
    private readonly AnalysisContext _context;
    private readonly RuleHandler _rules;
    private readonly Dictionary<string, ICommandHandler> _handlers;

    public CommandAnalyzer(AnalysisContext context, ShellAnalyzer shell)
    {
        _context = context;
        Shell = shell;
        _rules = new RuleHandler(context);
        _handlers = new Dictionary<string, ICommandHandler>(StringComparer.Ordinal);
    }

    public ShellAnalyzer Shell { get; }

    /// <summary>The handler a catalog entry names, created on first use: most calls need one or two of them.</summary>
    private ICommandHandler? Handler(string name)
    {
        if (_handlers.TryGetValue(name, out var handler))
        {
            return handler;
        }

        handler = name switch
        {
            "files" => new FileHandler(_context),
            "find" => new FindHandler(_context, this),
            "git" => new GitHandler(_context, this),
            "database" => new DatabaseHandler(_context),
            "http" => new HttpHandler(_context, this),
            "network" or "copy" => new NetworkHandler(_context, this),
            "shell" or "eval" or "source" => new ShellHandler(_context, this),
            "wrapper" or "xargs" or "ssh" => new WrapperHandler(_context, this),
            "interpreter" => new InterpreterHandler(_context, this),
            "search" => new SearchHandler(_context),
            "env-dump" => new EnvDumpHandler(_context),
            "container" => new ContainerHandler(_context, this),
            _ => null,
        };
        if (handler is not null)
        {
            _handlers[name] = handler;
        }

        return handler;
    }

    public AnalysisContext Context => _context;

    public void Analyze(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        if (argv.Count == 0)
        {
            return;
        }

        if (!_context.TryEnterCommand())
        {
            _context.Add(KnownOperations.Unanalyzable("exec.unanalyzable", argv[0].Text, $"commands nest deeper than Airlock follows: {invocation.Evidence}", "shell"), invocation);
            return;
        }

        try
        {
            AnalyzeProgram(argv, invocation);
        }
        finally
        {
            _context.ExitCommand();
        }
    }

    private void AnalyzeProgram(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var head = argv[0];
        if (!head.Known)
        {
            _context.Add(KnownOperations.Unanalyzable("exec.dynamic", head.Text, $"the program to run is computed at run time: {invocation.Evidence}", "shell"), invocation);
            return;
        }

        var name = CommandNames.Program(head.Text);
        if (_context.HasShellAliases && _context.ShellAliases.TryGetValue(head.Text, out var alias) && _context.TryEnterNested())
        {
            // The alias text replaces the command word; the arguments follow it.
            var script = alias + (argv.Count > 1 ? " " + ShellQuoting.Join(argv.Skip(1).Select(a => a.Text)) : "");
            _context.Note($"the alias '{head.Text}' runs: {script}");
            Shell.AnalyzeScript(script, invocation.Nested(script, invocation.Stdin));
            return;
        }

        if (_context.HasFunctions && _context.Functions.TryGetValue(head.Text, out var function) && _context.TryEnterNested())
        {
            // A call runs the body with the call's arguments as $1, $2, …
            var scope = invocation.Scope.Clone();
            scope.Positional = argv.Skip(1).All(a => a.Known) ? argv.Skip(1).Select(a => a.Text).ToList() : null;
            _context.Note($"calls the function '{head.Text}'");
            Shell.AnalyzeList(function, invocation with { Scope = scope, Depth = invocation.Depth + 1 });
            return;
        }

        if (Builtins.TryApply(name, argv, invocation, this))
        {
            return;
        }

        var entry = _context.Catalog.Find(name) ?? _context.Catalog.Find(name.ToLowerInvariant());
        if (entry is null)
        {
            if (CommandNames.IsPath(head.Text))
            {
                Handler("source")!.Handle(null, argv, invocation);
                return;
            }

            _context.Note($"'{name}' is not in the catalog: an ordinary program run");
            _context.Add(new Operation
            {
                Kind = "exec.program",
                Verb = Verb.Execute,
                BlastRadius = BlastRadius.Workspace,
                Target = name,
                Evidence = invocation.Evidence,
                Tool = name,
            }, invocation);
            ScanForCredentials(argv, invocation);
            return;
        }

        _context.Note($"'{name}' matched the catalog entry '{entry.Names[0]}'{(entry.Handler is null ? "" : $" (handler {entry.Handler})")}");
        if (entry.Handler is { } handlerName && Handler(handlerName) is { } handler)
        {
            handler.Handle(entry, argv, invocation);
        }
        else
        {
            _rules.Handle(entry, argv, invocation);
        }

        if (entry.Handler is not ("wrapper" or "xargs" or "ssh" or "shell" or "eval"))
        {
            ScanForCredentials(argv, invocation);
        }
    }

    /// <summary>Whether the program consumes its stdin without printing it (so secrets stop there).</summary>
    public bool IsSink(IReadOnlyList<Arg> argv) =>
        argv.Count > 0 && _context.Catalog.Find(CommandNames.Program(argv[0].Text))?.Handler is "http" or "network" or "shell";

    /// <summary>Programs that look at names and metadata only: listing a credential folder reads no secret.</summary>
    private static readonly HashSet<string> MetadataOnly = new(StringComparer.Ordinal) { "ls", "ll", "la", "dir", "stat", "file", "du", "tree", "test", "[", "realpath", "readlink", "basename", "dirname", "mkdir", "touch", "chmod", "chown", "cd", "which", "find", "fd", "rm", "rmdir", "unlink", "shred", "srm", "mv", "trash" };

    /// <summary>Reading a credential store is denied by name, whatever the program that reads it; reading a secret file marks its output.</summary>
    public void ScanForCredentials(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        if (argv.Count == 0 || MetadataOnly.Contains(CommandNames.Program(argv[0].Text)))
        {
            return;
        }

        foreach (var arg in argv.Skip(1))
        {
            // An unknown argument still counts when its likely shape is a glob (items from stdin: ~/.aws/*).
            if ((!arg.Known && !arg.Glob) || arg.Text.Length == 0)
            {
                continue;
            }

            // An option's attached value (--file=~/.aws/credentials, --from-file=key=~/.aws/credentials)
            // and curl's @file name a path too.
            var text = arg.Text.TrimStart('@');
            var equals = text.LastIndexOf('=');
            if (text.StartsWith('-') && equals > 0)
            {
                text = text[(equals + 1)..];
            }

            if (!LooksLikePath(text) && !_context.Catalog.CredentialPatterns.MayName(text))
            {
                continue;
            }

            var path = _context.ClassifyPath(text, invocation, arg.Glob);
            if (path.IsCredentialStore)
            {
                AddCredentialRead(path, invocation);
            }
            else if (path.IsSecretFile)
            {
                _context.Add(new Operation { Kind = "secret.read", Verb = Verb.Read, Target = path.Path, Evidence = $"reads the secret file '{path.Path}': {invocation.Evidence}", Tool = "shell" }, invocation);
            }
        }
    }

    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.StartsWith('.') || text.StartsWith('~') || text.Contains('\\', StringComparison.Ordinal);

    public void AddCredentialRead(LocalPath path, Invocation invocation)
    {
        _context.Add(KnownOperations.Credential(path.Path, $"reads the credential store '{path.Path}': {invocation.Evidence}", "shell"), invocation);
    }

    /// <summary>A write to a local file, judged by where it lands.</summary>
    public void AddFileWrite(Arg target, Invocation invocation, string kind, string evidence)
    {
        var path = target.Known ? _context.ClassifyPath(target.Text, invocation) : null;
        var radius = path?.Radius ?? BlastRadius.Machine;
        var device = path is not null && PathClassifier.IsDevice(path.Path);
        _context.Add(new Operation
        {
            Kind = device ? "disk.overwrite" : kind,
            Verb = device ? Verb.Delete : Verb.Write,
            Reversibility = device ? Reversibility.Irreversible : Reversibility.Reversible,
            BlastRadius = invocation.CwdUnknown && path is not null && !path.Path.StartsWith('/') && !path.Path.StartsWith('~') ? BlastRadius.Machine : radius,
            Target = path?.Path ?? target.Text,
            Evidence = $"{evidence}: {invocation.Evidence}",
            Tool = "shell",
        }, invocation);
        if (path is not null)
        {
            SensitiveWrites.Flag(_context, path, invocation);
        }
    }

    /// <summary>Runs the generic catalog rules for an entry (handlers use it for sub-commands they do not model).</summary>
    public void ApplyRules(ToolEntry entry, IReadOnlyList<Arg> argv, Invocation invocation) => _rules.Handle(entry, argv, invocation);
}
