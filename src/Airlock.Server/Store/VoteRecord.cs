namespace Airlock.Server.Store;

/// <summary>One approver's approve, reject or cancel on a request; an approver approves a request at most once.</summary>
internal sealed record VoteRecord(string ApprovalId, string Approver, string TokenId, string Vote, string? Reason, DateTimeOffset At);
