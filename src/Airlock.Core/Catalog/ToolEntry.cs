using Airlock.Model;

namespace Airlock.Catalog;

/// <summary>What the catalog knows about one command-line tool.</summary>
internal sealed record ToolEntry
{
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>The code that understands the tool's arguments beyond rules: files, git, sql, http, shell, wrapper, interpreter, ssh.</summary>
    public string? Handler { get; init; }

    /// <summary>Options that take a separate value (<c>-n ns</c>), so the value is not mistaken for a sub-command.</summary>
    public IReadOnlySet<string> ValueOptions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Options whose value names where the tool acts (context, profile, project, stack, app).</summary>
    public IReadOnlyList<string> EnvironmentOptions { get; init; } = [];

    /// <summary>Environment variables that say the same.</summary>
    public IReadOnlyList<string> EnvironmentVariables { get; init; } = [];

    /// <summary>Where the tool's changes land when no rule says otherwise.</summary>
    public ToolScope Scope { get; init; } = ToolScope.Local;

    public IReadOnlyList<CatalogRule> Rules { get; init; } = [];

    /// <summary>The operation when no rule matches; null means an ordinary program run.</summary>
    public CatalogRule? Default { get; init; }

    public WrapperSpec? Wrapper { get; init; }

    public DatabaseClientSpec? Database { get; init; }
}

/// <summary>Where a tool acts.</summary>
internal enum ToolScope
{
    /// <summary>Local files and processes.</summary>
    Local,
    /// <summary>A remote service, environment taken from options or unknown.</summary>
    Remote,
}

/// <summary>A catalog rule: when the sub-command path and flags match, the call is this operation.</summary>
internal sealed record CatalogRule
{
    /// <summary>Sub-command words, each a <c>|</c>-list of alternatives or <c>*</c>.</summary>
    public IReadOnlyList<string> Command
    {
        get => _command;
        init
        {
            _command = value;
            // Split once at load: rules are matched for every command an agent runs.
            CommandAlternatives = value.Select(w => w.Split('|')).ToArray();
        }
    }

    private readonly IReadOnlyList<string> _command = [];

    /// <summary><see cref="Command"/> with each word's alternatives split out.</summary>
    public string[][] CommandAlternatives { get; private init; } = [];

    public IReadOnlyList<string> AnyFlag { get; init; } = [];

    public IReadOnlyList<string> NoFlag { get; init; } = [];

    /// <summary>Flags that must all be present (<c>--delete --force</c>).</summary>
    public IReadOnlyList<string> AllFlags { get; init; } = [];

    /// <summary>Globs on <c>OPTION=VALUE</c> of options with values (<c>-X=DELETE</c>); one must match.</summary>
    public IReadOnlyList<string> AnyValue { get; init; } = [];

    /// <summary>Globs on <c>OPTION=VALUE</c> that must not match.</summary>
    public IReadOnlyList<string> NoValue { get; init; } = [];

    /// <summary>Globs one of the remaining arguments must match.</summary>
    public IReadOnlyList<string> AnyArg { get; init; } = [];

    /// <summary>Globs the first / last argument after the sub-command must match (a leading ! negates): copy direction.</summary>
    public IReadOnlyList<string> FirstArg { get; init; } = [];

    public IReadOnlyList<string> LastArg { get; init; } = [];

    /// <summary>Whether the local files among the arguments are uploaded (so secret files there are exfiltration).</summary>
    public bool SendsFiles { get; init; }

    /// <summary>Options whose value is SQL the command runs (<c>wrangler d1 execute --command</c>): when known, the statements decide.</summary>
    public IReadOnlyList<string> SqlOptions { get; init; } = [];

    /// <summary>The environment of the system acted on when the tool always knows it (GitHub collaboration objects are shared, not production).</summary>
    public DeploymentEnvironment? Environment { get; init; }

    public required string Kind { get; init; }

    public Verb Verb { get; init; } = Verb.Execute;

    public Reversibility Reversibility { get; init; } = Reversibility.Reversible;

    /// <summary>Overrides the blast radius implied by the tool's scope.</summary>
    public BlastRadius? Radius { get; init; }

    /// <summary>Overrides the tool's scope for this rule (<c>supabase db reset</c> is local unless <c>--linked</c>).</summary>
    public ToolScope? Scope { get; init; }

    public int Line { get; init; }
}

/// <summary>How a program that runs another program finds the inner command.</summary>
internal sealed record WrapperSpec
{
    /// <summary>Positional arguments consumed before the inner command (timeout's duration, chroot's folder).</summary>
    public int SkipPositionals { get; init; }

    /// <summary>The inner command follows this marker (<c>--</c> for <c>doppler run --</c>); before it, nothing runs.</summary>
    public string? After { get; init; }

    /// <summary>Sub-command words that must come first (<c>exec</c> for <c>aws-vault exec</c>).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Whether the rest is one shell string (watch, su -c) rather than an argument vector.</summary>
    public bool JoinAsShell { get; init; }

    /// <summary>Whether the first skipped positional names the environment (aws-vault's profile).</summary>
    public bool EnvironmentFromFirstPositional { get; init; }

    /// <summary>Whether leading NAME=value arguments are assignments (env).</summary>
    public bool Assignments { get; init; }

    /// <summary>Whether the inner command runs elsewhere (kubectl exec): the first positional names where.</summary>
    public bool Remote { get; init; }

    /// <summary>An option whose value is the shell command to run (<c>fly ssh console -C</c>, <c>ansible -a</c>).</summary>
    public string? CommandOption { get; init; }

    /// <summary>With <see cref="CommandOption"/>: the <c>-m</c> modules for which it is a shell command (ansible's shell, command, raw).</summary>
    public IReadOnlyList<string> CommandModules { get; init; } = [];
}

/// <summary>How a database client receives SQL and its server.</summary>
internal sealed record DatabaseClientSpec
{
    public string Language { get; init; } = "sql";

    public IReadOnlyList<string> QueryOptions { get; init; } = [];

    public IReadOnlyList<string> FileOptions { get; init; } = [];

    public IReadOnlyList<string> HostOptions { get; init; } = [];

    public IReadOnlyList<string> HostVariables { get; init; } = [];

    /// <summary>Whether positional arguments after the first are statements (sqlite3 db 'SQL', redis-cli FLUSHALL).</summary>
    public bool PositionalQuery { get; init; }

    /// <summary>Whether the database is always a local file (sqlite3, duckdb).</summary>
    public bool LocalFile { get; init; }

    /// <summary>For restore tools (pg_restore): options that drop what exists before restoring.</summary>
    public IReadOnlyList<string> RestoreOptions { get; init; } = [];
}
