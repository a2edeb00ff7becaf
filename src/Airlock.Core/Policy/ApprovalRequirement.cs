namespace Airlock.Policy;

/// <summary>
/// What an <c>approve</c> outcome asks of the humans: how many distinct approvers, whether each must
/// type the target's name, how long after the last approval the grant waits (any approver can cancel
/// meanwhile), and how long the request and the grant live.
/// </summary>
public sealed record ApprovalRequirement
{
    public int Approvers { get; init; } = 1;

    /// <summary>Each approver must type the target's name, as GitHub asks before deleting a repository.</summary>
    public bool ConfirmTarget { get; init; }

    public TimeSpan CoolingOff { get; init; } = TimeSpan.Zero;

    /// <summary>How long a request waits for its approvals before it expires.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long the single-use grant lives once it can be used.</summary>
    public TimeSpan GrantTtl { get; init; } = TimeSpan.FromMinutes(15);

    public static ApprovalRequirement Default { get; } = new();

    /// <summary>The stricter of two requirements, for a call with several operations that need approval.</summary>
    public ApprovalRequirement Combine(ApprovalRequirement other) => new()
    {
        Approvers = Math.Max(Approvers, other.Approvers),
        ConfirmTarget = ConfirmTarget || other.ConfirmTarget,
        CoolingOff = CoolingOff > other.CoolingOff ? CoolingOff : other.CoolingOff,
        Expires = Expires < other.Expires ? Expires : other.Expires,
        GrantTtl = GrantTtl < other.GrantTtl ? GrantTtl : other.GrantTtl,
    };
}

/// <summary>
/// What one rule says about approval, field by field; unset fields take the policy's <c>approvals:</c>
/// defaults when the decision is made, so a policy's defaults also apply to the rules it inherits.
/// </summary>
public sealed record ApprovalOverrides
{
    public int? Approvers { get; init; }
    public bool? ConfirmTarget { get; init; }
    public TimeSpan? CoolingOff { get; init; }
    public TimeSpan? Expires { get; init; }
    public TimeSpan? GrantTtl { get; init; }

    public bool IsEmpty => this == new ApprovalOverrides();

    public ApprovalRequirement ApplyTo(ApprovalRequirement defaults) => new()
    {
        Approvers = Approvers ?? defaults.Approvers,
        ConfirmTarget = ConfirmTarget ?? defaults.ConfirmTarget,
        CoolingOff = CoolingOff ?? defaults.CoolingOff,
        Expires = Expires ?? defaults.Expires,
        GrantTtl = GrantTtl ?? defaults.GrantTtl,
    };
}
