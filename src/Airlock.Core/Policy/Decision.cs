using Airlock.Model;

namespace Airlock.Policy;

/// <summary>The answer for one tool call: what happens, why, and the evidence.</summary>
public sealed record Decision
{
    public required Outcome Outcome { get; init; }

    /// <summary>A stable code from <see cref="ReasonCodes"/> (or one a policy rule names).</summary>
    public required string ReasonCode { get; init; }

    /// <summary>The rule id or tier that decided, with its source.</summary>
    public required string Rule { get; init; }

    public IReadOnlyList<OperationDecision> Operations { get; init; } = [];

    /// <summary>For the agent: what was refused and what to do instead.</summary>
    public required string AgentMessage { get; init; }

    /// <summary>For the human: what the call would do and why Airlock stopped it.</summary>
    public required string HumanMessage { get; init; }

    public IReadOnlyList<string> Trace { get; init; } = [];

    /// <summary>For an approve outcome: what the approvers must do (the strictest over the operations that need approval).</summary>
    public ApprovalRequirement? Approval { get; init; }
}

/// <summary>One operation with the outcome it received and the rule that gave it.</summary>
public sealed record OperationDecision(Operation Operation, Outcome Outcome, string ReasonCode, string Rule)
{
    /// <summary>Set when <see cref="Outcome"/> is approve: what the rule that gave it asks of the approvers.</summary>
    public ApprovalRequirement? Approval { get; init; }
}
