using Airlock.Model;

namespace Airlock.Policy;

/// <summary>
/// A rule: when every condition it states holds for an operation, the operation gets its outcome.
/// Unstated conditions match anything. Lists match when any element matches; text matches are globs.
/// </summary>
public sealed record PolicyRule
{
    public required string Id { get; init; }

    public required Outcome Outcome { get; init; }

    public string? ReasonCode { get; init; }

    /// <summary>Shown to the agent and the human to say why, in words.</summary>
    public string? Message { get; init; }

    public IReadOnlyList<string> Kinds { get; init; } = [];

    public IReadOnlyList<Verb> Verbs { get; init; } = [];

    /// <summary>Globs on the client's tool name (<c>Bash</c>, <c>mcp__*__delete*</c>).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Globs on the program that performs the operation (<c>git</c>, <c>psql</c>).</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Globs on the whole shell command, for rules written the way a user thinks of a command.</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    public IReadOnlyList<DeploymentEnvironment> Environments { get; init; } = [];

    public IReadOnlyList<BlastRadius> Radii { get; init; } = [];

    public Reversibility? Reversibility { get; init; }

    /// <summary>When set, the rule matches only operations on (or not on) a protected target.</summary>
    public bool? Protected { get; init; }

    /// <summary>What this rule's approve outcome asks beyond the policy's approval defaults.</summary>
    public ApprovalOverrides? Approval { get; init; }

    /// <summary>The line in the policy file, for messages.</summary>
    public int Line { get; init; }

    public string Source { get; init; } = "";
}
