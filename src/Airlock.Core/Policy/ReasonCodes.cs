namespace Airlock.Policy;

/// <summary>The stable reason codes a decision carries. Documented in the README; never renamed.</summary>
public static class ReasonCodes
{
    public const string ReadOnly = "read_only";
    public const string LowRisk = "low_risk";
    public const string LocalIrreversible = "local_irreversible";
    public const string OutsideProject = "outside_project";
    public const string RemoteIrreversible = "remote_irreversible";
    public const string ProductionChange = "production_change";
    public const string ProductionDestructive = "production_destructive";
    public const string ProtectedBranch = "protected_branch";
    public const string RemoteHistoryRewrite = "remote_history_rewrite";
    public const string Catastrophic = "catastrophic";
    public const string CredentialAccess = "credential_access";
    public const string Exfiltration = "exfiltration";
    public const string AgentConfigTamper = "agent_config_tamper";
    public const string Unanalyzable = "unanalyzable";
    public const string ChangeFreeze = "change_freeze";
    public const string PolicyRule = "policy_rule";
    public const string ProjectPolicy = "project_policy";
    public const string NoTier = "no_tier";
    public const string InternalError = "internal_error";
    public const string InvalidInput = "invalid_input";
    public const string PolicyError = "policy_error";
    public const string ApprovalUnavailable = "approval_unavailable";
    public const string ApprovalGranted = "approval_granted";
    public const string ApprovalRejected = "approval_rejected";
    public const string OutOfScope = "out_of_scope";

    /// <summary>Every code with a one-line meaning, for documentation and <c>airlock policy show</c>.</summary>
    public static IReadOnlyList<(string Code, string Meaning)> All { get; } =
    [
        (ReadOnly, "only reads; nothing changes"),
        (LowRisk, "reversible local work, scratch files, or reversible changes to dev/staging"),
        (LocalIrreversible, "irreversible change to the developer's own work (project tree, local git history, local databases)"),
        (OutsideProject, "changes files on this machine outside the project"),
        (RemoteIrreversible, "irreversible change to a shared dev or staging system"),
        (ProductionChange, "reversible change to production or an environment that cannot be told apart from it"),
        (ProductionDestructive, "irreversible change to production or an environment that cannot be told apart from it"),
        (ProtectedBranch, "rewrites or deletes a protected branch (main, master, release/*)"),
        (RemoteHistoryRewrite, "rewrites or deletes remote git history"),
        (Catastrophic, "destroys a disk, a home or system folder, or a whole account or project"),
        (CredentialAccess, "reads or hunts for credentials"),
        (Exfiltration, "sends credentials, secret files or the environment off the machine"),
        (AgentConfigTamper, "changes agent hook settings or Airlock's own configuration"),
        (Unanalyzable, "runs something that cannot be analyzed before it runs (dynamic eval, unreadable script, piped payload)"),
        (ChangeFreeze, "a change freeze is in force"),
        (PolicyRule, "a rule of the policy matched"),
        (ProjectPolicy, "a rule of the project's own policy file made the decision stricter"),
        (NoTier, "no tier of the policy covers the operation"),
        (InternalError, "Airlock failed while deciding; the call is refused"),
        (InvalidInput, "the hook input could not be read; the call is refused"),
        (PolicyError, "the policy could not be loaded; the call is refused"),
        (ApprovalUnavailable, "the call needs out-of-band approval and no gateway is configured or reachable"),
        (ApprovalGranted, "humans approved this exact call; the single-use grant was consumed and the call runs once"),
        (ApprovalRejected, "an approver rejected this exact call"),
        (OutOfScope, "the agent's token does not cover this tool or environment"),
    ];
}
