using Airlock.Wire;

namespace Airlock.Server.Notifications;

/// <summary>
/// Something approvers should hear about: <c>approval.requested</c>, <c>approval.voted</c>,
/// <c>approval.approved</c>, <c>approval.rejected</c>, <c>approval.cancelled</c>, <c>approval.expired</c>
/// or <c>grant.consumed</c>, with the approval as it stands after the change.
/// </summary>
internal sealed record GatewayEvent(string Id, string Type, DateTimeOffset OccurredAt, ApprovalJson Approval);
