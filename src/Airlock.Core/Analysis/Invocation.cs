using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>How one command is being run: its variables, stdin, temporary environment, and where.</summary>
internal sealed record Invocation
{
    public required ShellScope Scope { get; init; }

    /// <summary>The command's source text, quoted as evidence.</summary>
    public required string Evidence { get; init; }

    public Stdin Stdin { get; init; } = Stdin.None;

    /// <summary><c>NAME=value</c> prefixes and env assignments that apply to this command only.</summary>
    public IReadOnlyDictionary<string, Arg> Assignments { get; init; } = new Dictionary<string, Arg>(StringComparer.Ordinal);

    /// <summary>Set inside <c>ssh host …</c>: local effects land on that host.</summary>
    public string? RemoteHost { get; init; }

    /// <summary>An environment a wrapper named for everything it runs (<c>aws-vault exec prod --</c>).</summary>
    public EnvironmentClaim? Environment { get; init; }

    public int Depth { get; init; }

    /// <summary>Set inside a container: its bind mounts, container path → host path. Unmounted paths are the container's own.</summary>
    public ContainerContext? Container { get; init; }

    public string? Cwd => Scope.Get("PWD", out var known) is { } pwd && known ? pwd : null;

    /// <summary>Whether a <c>cd</c> moved to a folder that cannot be known.</summary>
    public bool CwdUnknown => Scope.IsSetToUnknown("PWD");

    public Invocation Nested(string evidence, Stdin? stdin = null) => this with { Evidence = evidence, Stdin = stdin ?? Stdin.None, Depth = Depth + 1 };
}

/// <summary>What a command reads on stdin: nothing, a known text, or something it cannot see.</summary>
internal sealed record Stdin(bool Present, string? Text, bool Tainted)
{
    /// <summary>Paths the upstream command lists (find), when its exact output is not known.</summary>
    public IReadOnlyList<Arg>? Items { get; init; }

    public static Stdin None { get; } = new(false, null, false);

    public static Stdin Unknown { get; } = new(true, null, false);
}

/// <summary>A container a command runs in: its bind mounts, and whether unmounted paths are throw-away (a fresh <c>docker run</c>).</summary>
internal sealed record ContainerContext(IReadOnlyList<(string Inside, string Host)> Mounts, bool Fresh);

/// <summary>An environment and the evidence that named it.</summary>
internal sealed record EnvironmentClaim(DeploymentEnvironment Environment, string Evidence);
