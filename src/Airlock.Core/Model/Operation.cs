namespace Airlock.Model;

/// <summary>One effect a tool call would have, with the evidence for it.</summary>
public sealed record Operation
{
    /// <summary>A stable dotted name policies match on, such as <c>git.push.force</c> or <c>database.drop</c>.</summary>
    public required string Kind { get; init; }

    public required Verb Verb { get; init; }

    /// <summary>What is acted on: a path, a branch, a table, a URL, a cloud resource.</summary>
    public string Target { get; init; } = "";

    public DeploymentEnvironment Environment { get; init; } = DeploymentEnvironment.Local;

    public Reversibility Reversibility { get; init; } = Reversibility.Reversible;

    public BlastRadius BlastRadius { get; init; } = BlastRadius.None;

    /// <summary>The part of the input that produced this operation.</summary>
    public string Evidence { get; init; } = "";

    /// <summary>Why the environment was judged as it was, when it was inferred.</summary>
    public string? EnvironmentEvidence { get; init; }

    /// <summary>The program or interface that performs it: <c>git</c>, <c>psql</c>, <c>mcp:db</c>.</summary>
    public string? Tool { get; init; }
}
