using Airlock.Catalog;

namespace Airlock.Policy;

/// <summary>A loaded policy: rules, the tier matrix, protected targets, freezes and catalog additions.</summary>
public sealed record AirlockPolicy
{
    /// <summary>Where it came from: a path, or "built-in".</summary>
    public required string Source { get; init; }

    /// <summary>The text of every file the policy is built from, the built-in one first: what a reviewer reads.</summary>
    public IReadOnlyList<PolicyDocument> Documents { get; init; } = [];

    /// <summary>SHA-256 of the policy's text and of the policy it extends: the same hash means the same policy (the audit log records it).</summary>
    public string ContentSha256 => ContentHash.Value;

    /// <summary>Computed when first asked for: only the gateway records it, and the hook's start-up should not pay for it.</summary>
    internal Lazy<string> ContentHash { get; init; } = new("");

    /// <summary>Rules in the order they are tried; the first match decides an operation.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>The tier matrix, tried when no rule matched.</summary>
    public IReadOnlyList<PolicyRule> Tiers { get; init; } = [];

    public ProtectedTargets Protected { get; init; } = new();

    public IReadOnlyList<Freeze> Freezes { get; init; } = [];

    /// <summary>What an approve outcome asks when its rule (or a freeze) does not say.</summary>
    public ApprovalRequirement ApprovalDefaults { get; init; } = ApprovalRequirement.Default;

    /// <summary>The tool catalog this policy analyzes with (the built-in one plus the policy's additions).</summary>
    internal ToolCatalog Catalog { get; init; } = ToolCatalog.BuiltIn;

    /// <summary>Rules of a policy found in the agent's working tree: they can only make outcomes stricter.</summary>
    public IReadOnlyList<PolicyRule> TighteningRules { get; init; } = [];
}

/// <summary>One policy file as it was read: where from, and its YAML.</summary>
public sealed record PolicyDocument(string Source, string Text);
