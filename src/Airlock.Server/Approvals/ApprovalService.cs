using Airlock.Server.Auth;
using Airlock.Server.Http;
using Airlock.Server.Notifications;
using Airlock.Server.Store;
using Airlock.Wire;

namespace Airlock.Server.Approvals;

/// <summary>
/// What approvers do to a request: approve (N distinct approvers, typed confirmation, then a grant
/// after the cooling-off delay), reject, or cancel an approved request before its grant is used. Each
/// is one transaction of compare-and-set steps. The requesting agent's principal can never vote on
/// its own request, whatever role its token has.
/// </summary>
internal sealed class ApprovalService(IGatewayStore store, ApprovalViews views, IGatewayEvents events, TimeProvider time)
{
    public async Task<ApprovalJson> ApproveAsync(Principal approver, string id, VoteRequestJson vote, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (view, eventType) = await store.WriteAsync(tx =>
        {
            var approval = VotableRequest(tx, approver, id, now);
            if (approval.ConfirmText is { } expected && !string.Equals(vote.Confirm?.Trim(), expected, StringComparison.Ordinal))
            {
                throw new GatewayException(422, "confirmation_mismatch", $"This request needs a typed confirmation: pass --confirm with the target's name exactly as shown ('{expected}').");
            }

            if (!tx.AddVote(new VoteRecord(id, approver.Name, approver.Token.Id, "approve", vote.Reason, now)))
            {
                throw GatewayException.Conflict($"{approver.Name} has already approved {id}; another approver must approve it.");
            }

            var approvals = tx.Votes(id).Count(v => v.Vote == "approve");
            if (approvals < approval.ApprovalsRequired)
            {
                return (views.Load(tx, approval, now), "approval.voted");
            }

            if (!tx.TransitionApproval(id, ApprovalStatus.Pending, ApprovalStatus.Approved, now, approver.Name, vote.Reason))
            {
                throw GatewayException.Conflict($"{id} changed while it was being approved; look at it again.");
            }

            var usableAt = now + approval.CoolingOff;
            tx.AddGrant(new GrantRecord { Id = TokenSecrets.NewId("grt"), ApprovalId = id, Fingerprint = approval.Fingerprint, UsableAt = usableAt, ExpiresAt = usableAt + approval.GrantTtl });
            return (views.Load(tx, tx.Approval(id)!, now), "approval.approved");
        }, cancellationToken).ConfigureAwait(false);
        Publish(eventType, view, now);
        return view;
    }

    public async Task<ApprovalJson> RejectAsync(Principal approver, string id, VoteRequestJson vote, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var view = await store.WriteAsync(tx =>
        {
            VotableRequest(tx, approver, id, now);
            tx.AddVote(new VoteRecord(id, approver.Name, approver.Token.Id, "reject", vote.Reason, now));
            if (!tx.TransitionApproval(id, ApprovalStatus.Pending, ApprovalStatus.Rejected, now, approver.Name, vote.Reason))
            {
                throw GatewayException.Conflict($"{id} changed while it was being rejected; look at it again.");
            }

            return views.Load(tx, tx.Approval(id)!, now);
        }, cancellationToken).ConfigureAwait(false);
        Publish("approval.rejected", view, now);
        return view;
    }

    /// <summary>Withdraws an approval whose grant has not been used: during the cooling-off delay, or after it.</summary>
    public async Task<ApprovalJson> CancelAsync(Principal approver, string id, VoteRequestJson vote, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var view = await store.WriteAsync(tx =>
        {
            var approval = Visible(tx, approver, id);
            var grant = tx.GrantForApproval(id);
            if (ApprovalViews.EffectiveStatus(approval, grant, now) != ApprovalStatus.Approved)
            {
                throw GatewayException.Conflict($"{id} is {Configuration.EnumNames.Of(ApprovalViews.EffectiveStatus(approval, grant, now))}; only an approved request whose grant is unused can be cancelled (reject a pending one).");
            }

            tx.AddVote(new VoteRecord(id, approver.Name, approver.Token.Id, "cancel", vote.Reason, now));
            if (!tx.TransitionApproval(id, ApprovalStatus.Approved, ApprovalStatus.Cancelled, now, approver.Name, vote.Reason))
            {
                throw GatewayException.Conflict($"{id} changed while it was being cancelled; look at it again.");
            }

            return views.Load(tx, tx.Approval(id)!, now);
        }, cancellationToken).ConfigureAwait(false);
        Publish("approval.cancelled", view, now);
        return view;
    }

    /// <summary>Marks what has expired, so the state (and the events) say it, not only the clock.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await store.WriteAsync(tx =>
        {
            var changed = new List<ApprovalJson>();
            foreach (var id in tx.ExpiredApprovalIds(now, 500))
            {
                var approval = tx.Approval(id)!;
                if (tx.TransitionApproval(id, approval.Status, ApprovalStatus.Expired, now, null, approval.Status == ApprovalStatus.Pending ? "no decision before it expired" : "the grant was not used before it expired"))
                {
                    changed.Add(views.Load(tx, tx.Approval(id)!, now));
                }
            }

            return changed;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var view in expired)
        {
            Publish("approval.expired", view, now);
        }

        return expired.Count;
    }

    private static ApprovalRecord VotableRequest(IGatewayTransaction tx, Principal approver, string id, DateTimeOffset now)
    {
        var approval = Visible(tx, approver, id);
        var status = ApprovalViews.EffectiveStatus(approval, tx.GrantForApproval(id), now);
        if (status != ApprovalStatus.Pending)
        {
            throw GatewayException.Conflict($"{id} is {Configuration.EnumNames.Of(status)}, not pending; nothing to vote on.");
        }

        return approval;
    }

    /// <summary>The request, if this approver may act on it: same tenant, and not the agent that asked.</summary>
    private static ApprovalRecord Visible(IGatewayReader tx, Principal approver, string id)
    {
        var approval = tx.Approval(id);
        if (approval is null || !string.Equals(approval.Tenant, approver.Token.Tenant, StringComparison.Ordinal))
        {
            throw GatewayException.NotFound($"The approval request {id}");
        }

        if (approver.IsSamePrincipalAs(approval.Tenant, approval.Agent))
        {
            throw GatewayException.Forbidden($"{approver.Name} asked for {id}, so {approver.Name} cannot decide it: another person must.");
        }

        return approval;
    }

    private void Publish(string type, ApprovalJson view, DateTimeOffset now) =>
        events.Publish(new GatewayEvent(TokenSecrets.NewId("evt"), type, now, view));
}
