using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airlock.Wire;

/// <summary>
/// An approval request as approvers and agents see it: the full action (secrets redacted), what
/// Airlock understood, who asks, what the policy requires, the votes so far and the grant.
/// </summary>
internal sealed record ApprovalJson
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>pending, approved (grant issued; usable after any cooling-off), consumed, rejected, expired or cancelled.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("tool")] public required string Tool { get; init; }

    /// <summary>The tool input with secrets replaced by <c>[REDACTED:kind]</c>.</summary>
    [JsonPropertyName("input")] public JsonElement Input { get; init; }

    /// <summary>The shell command, for shell tools: what a person reads first.</summary>
    [JsonPropertyName("command")] public string? Command { get; init; }

    [JsonPropertyName("cwd")] public string? Cwd { get; init; }
    [JsonPropertyName("tenant")] public required string Tenant { get; init; }
    [JsonPropertyName("workspace")] public required string Workspace { get; init; }
    [JsonPropertyName("agent")] public required string Agent { get; init; }
    [JsonPropertyName("session")] public string? Session { get; init; }
    [JsonPropertyName("client")] public string? Client { get; init; }
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("reason_code")] public required string ReasonCode { get; init; }
    [JsonPropertyName("rule")] public required string Rule { get; init; }
    [JsonPropertyName("summary")] public required string Summary { get; init; }
    [JsonPropertyName("operations")] public IReadOnlyList<OperationJson> Operations { get; init; } = [];
    [JsonPropertyName("approvals_required")] public int ApprovalsRequired { get; init; }

    /// <summary>Set when each approver must type this text (the target's name) to approve.</summary>
    [JsonPropertyName("confirm_text")] public string? ConfirmText { get; init; }

    [JsonPropertyName("cooling_off_seconds")] public double CoolingOffSeconds { get; init; }
    [JsonPropertyName("votes")] public IReadOnlyList<VoteJson> Votes { get; init; } = [];
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("expires_at")] public DateTimeOffset ExpiresAt { get; init; }
    [JsonPropertyName("resolved_at")] public DateTimeOffset? ResolvedAt { get; init; }
    [JsonPropertyName("resolved_by")] public string? ResolvedBy { get; init; }
    [JsonPropertyName("resolution_reason")] public string? ResolutionReason { get; init; }

    /// <summary>When the grant can be used (after the cooling-off delay) and until when.</summary>
    [JsonPropertyName("grant_usable_at")] public DateTimeOffset? GrantUsableAt { get; init; }
    [JsonPropertyName("grant_expires_at")] public DateTimeOffset? GrantExpiresAt { get; init; }
    [JsonPropertyName("grant_consumed_at")] public DateTimeOffset? GrantConsumedAt { get; init; }

    /// <summary>Where a human can act on it, and the command that approves it.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("approve_command")] public string? ApproveCommand { get; init; }

    /// <summary>The request in the approvers' dashboard, where a person reads it in full and decides.</summary>
    [JsonPropertyName("review_url")] public string? ReviewUrl { get; init; }
}

/// <summary>One approver's vote on a request.</summary>
internal sealed record VoteJson
{
    [JsonPropertyName("approver")] public required string Approver { get; init; }
    [JsonPropertyName("vote")] public required string Vote { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("at")] public DateTimeOffset At { get; init; }
}

/// <summary>The body of approve, reject and cancel.</summary>
internal sealed record VoteRequestJson
{
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>The typed confirmation, when the request asks for one.</summary>
    [JsonPropertyName("confirm")] public string? Confirm { get; init; }
}
