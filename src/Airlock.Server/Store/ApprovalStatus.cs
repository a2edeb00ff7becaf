namespace Airlock.Server.Store;

/// <summary>
/// The life of an approval request. Pending until enough approvers approve (then approved, with a
/// grant) or one rejects; approved until the agent's identical retry consumes the grant, an approver
/// cancels it, or the grant expires.
/// </summary>
internal enum ApprovalStatus
{
    Pending,
    Approved,
    Consumed,
    Rejected,
    Expired,
    Cancelled,
}
