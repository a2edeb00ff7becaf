using System.Runtime.CompilerServices;
using Airlock.Catalog;
using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>The state of analyzing one request: what was found, the trace, and the bounds left.</summary>
internal sealed class AnalysisContext
{
    /// <summary>Nested analyses (bash -c, eval, scripts, ssh) allowed per request; past it the rest is unknown.</summary>
    public const int MaxNestedAnalyses = 64;

    public const int MaxScriptBytes = 256 * 1024;

    private readonly List<Operation> _operations = [];
    private readonly List<string> _trace = [];
    private int _nestedLeft = MaxNestedAnalyses;
    private int _commandDepth;

    /// <summary>How deep commands may run commands (sudo env nohup … rm) before the rest is unknown.</summary>
    public const int MaxCommandDepth = 64;

    public AnalysisContext(ToolCatalog catalog, string? cwd, IReadOnlyDictionary<string, string> environmentHints, bool tracing = true)
    {
        Tracing = tracing;
        Catalog = catalog;
        Paths = new PathClassifier(catalog);
        Cwd = cwd;
        EnvironmentHints = environmentHints;
    }

    public ToolCatalog Catalog { get; }

    /// <summary>Whether steps are recorded for a person to read (explain); off on the hook's hot path.</summary>
    public bool Tracing { get; }

    public PathClassifier Paths { get; }

    public string? Cwd { get; }

    public IReadOnlyDictionary<string, string> EnvironmentHints { get; }

    /// <summary>Files an earlier part of the same command wrote with a here-document, by resolved path.</summary>
    public Dictionary<string, string> WrittenFiles => _writtenFiles ??= new(StringComparer.Ordinal);

    private Dictionary<string, string>? _writtenFiles;

    /// <summary>The text a here-document wrote to <paramref name="path"/> earlier in this command, if any.</summary>
    public string? WrittenFile(string path) => _writtenFiles?.GetValueOrDefault(path);

    /// <summary>Shell functions defined earlier in the same command, by name.</summary>
    public Dictionary<string, Shell.CommandList> Functions => _functions ??= new(StringComparer.Ordinal);

    private Dictionary<string, Shell.CommandList>? _functions;

    public bool HasFunctions => _functions is { Count: > 0 };

    /// <summary>Shell aliases defined earlier in the same command (alias ll='rm -rf ~').</summary>
    public Dictionary<string, string> ShellAliases => _shellAliases ??= new(StringComparer.Ordinal);

    private Dictionary<string, string>? _shellAliases;

    public bool HasShellAliases => _shellAliases is { Count: > 0 };

    /// <summary>git aliases defined earlier in the same command (git config alias.x …).</summary>
    public Dictionary<string, string> GitAliases => _gitAliases ??= new(StringComparer.Ordinal);

    private Dictionary<string, string>? _gitAliases;

    /// <summary>Secret files (.env, keys) staged with git add earlier in the same command: pushing them sends them away.</summary>
    public List<string> StagedSecrets { get; } = [];

    public IReadOnlyList<Operation> Operations => _operations;

    public IReadOnlyList<string> Trace => _trace;

    public int OperationCount => _operations.Count;

    public void Note([InterpolatedStringHandlerArgument("")] TraceHandler step)
    {
        if (Tracing && _trace.Count < 500)
        {
            _trace.Add(step.ToString());
        }
    }

    /// <summary>Takes one nested analysis from the budget; false when it is spent.</summary>
    public bool TryEnterNested()
    {
        if (_nestedLeft <= 0)
        {
            return false;
        }

        _nestedLeft--;
        return true;
    }

    /// <summary>Classifies a path as the invocation sees it: inside a container, bind mounts map it to the host.</summary>
    public LocalPath ClassifyPath(string text, Invocation invocation, bool glob = false)
    {
        if (invocation.Container is not { } container)
        {
            return Paths.Classify(text, invocation.Cwd, glob);
        }

        var inside = PathClassifier.Resolve(text.StartsWith('~') ? "/root" + text[1..] : text, invocation.Cwd ?? "/");
        foreach (var (mountInside, host) in container.Mounts.OrderByDescending(m => m.Inside.Length))
        {
            if (inside == mountInside || inside.StartsWith(mountInside.TrimEnd('/') + "/", StringComparison.Ordinal) || mountInside == "/")
            {
                var rest = inside[Math.Min(mountInside.TrimEnd('/').Length, inside.Length)..];
                return Paths.Classify(host.TrimEnd('/') + rest is { Length: > 0 } mapped ? mapped : "/", Cwd, glob) with { Reason = $"mounted from the host at '{host}'" };
            }
        }

        var scratch = inside.Split('/').Any(segment => Catalog.ScratchNames.Contains(segment)) || inside.StartsWith("/tmp/", StringComparison.Ordinal);
        return container.Fresh || scratch
            ? new LocalPath(inside, BlastRadius.LocalScratch, "throw-away files inside a container")
            : new LocalPath(inside, BlastRadius.Workspace, "inside a running container whose volumes are not known");
    }

    /// <summary>Enters one more level of a command running a command; false when that is deeper than Airlock follows.</summary>
    public bool TryEnterCommand()
    {
        if (_commandDepth >= MaxCommandDepth)
        {
            return false;
        }

        _commandDepth++;
        return true;
    }

    public void ExitCommand() => _commandDepth--;

    public void Add(Operation operation, Invocation invocation)
    {
        operation = ApplyLocation(operation, invocation);
        if (_operations.Count >= 2000)
        {
            return;
        }

        _operations.Add(operation);
        Note($"operation {operation.Kind} ({EnumText(operation.Verb)}, {EnumText(operation.Reversibility)}, {EnumText(operation.BlastRadius)}, {EnumText(operation.Environment)}) on '{operation.Target}'");
    }

    public void Add(Operation operation) => _operations.Add(operation);

    /// <summary>Inside <c>ssh host</c>, a local effect lands on that host; a wrapper's environment claim applies to remote effects.</summary>
    private static Operation ApplyLocation(Operation operation, Invocation invocation)
    {
        if (invocation.RemoteHost is { } host && operation.Environment == DeploymentEnvironment.Local && operation.BlastRadius != BlastRadius.None)
        {
            var env = EnvironmentInference.FromHost(host) ?? DeploymentEnvironment.Unknown;
            var radius = operation.BlastRadius == BlastRadius.Catastrophic ? BlastRadius.Catastrophic : BlastRadius.Remote;
            operation = operation with
            {
                Environment = env,
                BlastRadius = radius,
                Target = $"{host}:{operation.Target}",
                EnvironmentEvidence = $"runs on remote host '{host}'",
            };
        }

        if (invocation.Environment is { } claim && operation.Environment is DeploymentEnvironment.Unknown or DeploymentEnvironment.Dev or DeploymentEnvironment.Staging
            && operation.BlastRadius >= BlastRadius.Remote)
        {
            operation = operation with
            {
                // "Unknown" means nothing named it; a wrapper's claim does.
                Environment = operation.Environment == DeploymentEnvironment.Unknown ? claim.Environment : EnvironmentInference.Worst(operation.Environment, claim.Environment),
                EnvironmentEvidence = claim.Evidence,
            };
        }

        return operation;
    }

    private static string EnumText<T>(T value) where T : struct, Enum => Configuration.EnumNames.Of(value);
}
