using Airlock.Configuration;
using Airlock.Server.Approvals;
using Airlock.Server.Auth;
using Airlock.Server.Store;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary>
/// The approvers' API. Listing, reading and voting take an approver token (admins may read); an agent
/// may read only the requests it made itself, which is how a waiting hook learns the outcome.
/// </summary>
internal static class ApprovalEndpoints
{
    public static async Task<IResult> ListAsync(HttpContext context, TokenService tokens, IGatewayStore store, ApprovalViews views, TimeProvider time)
    {
        var reader = await GatewayHttp.RequireAsync(context, tokens, Role.Approver, Role.Admin).ConfigureAwait(false);
        var statusText = context.Request.Query["status"].ToString();
        ApprovalStatus? status = null;
        if (statusText.Length > 0 && statusText != "all")
        {
            status = EnumNames.TryParse<ApprovalStatus>(statusText, out var parsed)
                ? parsed
                : throw GatewayException.BadRequest($"The status '{statusText}' is not one of all, {string.Join(", ", EnumNames.All<ApprovalStatus>())}.");
        }

        var limit = int.TryParse(context.Request.Query["limit"], out var n) ? Math.Clamp(n, 1, 1000) : 100;
        var now = time.GetUtcNow();
        var list = await store.ReadAsync(r => r.Approvals(status, limit)
            .Where(a => string.Equals(a.Tenant, reader.Token.Tenant, StringComparison.Ordinal))
            .Select(a => views.Load(r, a, now))
            // Stored status lags the clock until the sweeper runs: filter on what the reader would see.
            .Where(a => status is null || a.Status == EnumNames.Of(status.Value))
            .ToList(), context.RequestAborted).ConfigureAwait(false);
        return GatewayHttp.Json(list, WireJsonContext.Readable.ListApprovalJson);
    }

    public static async Task<IResult> GetAsync(string id, HttpContext context, TokenService tokens, IGatewayStore store, ApprovalViews views, TimeProvider time)
    {
        var reader = await GatewayHttp.RequireAsync(context, tokens, Role.Approver, Role.Admin, Role.Agent).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var view = await store.ReadAsync(r =>
        {
            var approval = r.Approval(id);
            var visible = approval is not null && string.Equals(approval.Tenant, reader.Token.Tenant, StringComparison.Ordinal)
                && (reader.Role != Role.Agent || reader.IsSamePrincipalAs(approval.Tenant, approval.Agent));
            return visible ? views.Load(r, approval!, now) : null;
        }, context.RequestAborted).ConfigureAwait(false);
        return view is null
            ? throw GatewayException.NotFound($"The approval request {id}")
            : GatewayHttp.Json(view, WireJsonContext.Readable.ApprovalJson);
    }

    public static Task<IResult> ApproveAsync(string id, HttpContext context, TokenService tokens, ApprovalService approvals) =>
        VoteAsync(context, tokens, (approver, vote) => approvals.ApproveAsync(approver, id, vote, context.RequestAborted));

    public static Task<IResult> RejectAsync(string id, HttpContext context, TokenService tokens, ApprovalService approvals) =>
        VoteAsync(context, tokens, (approver, vote) => approvals.RejectAsync(approver, id, vote, context.RequestAborted));

    public static Task<IResult> CancelAsync(string id, HttpContext context, TokenService tokens, ApprovalService approvals) =>
        VoteAsync(context, tokens, (approver, vote) => approvals.CancelAsync(approver, id, vote, context.RequestAborted));

    private static async Task<IResult> VoteAsync(HttpContext context, TokenService tokens, Func<Principal, VoteRequestJson, Task<ApprovalJson>> act)
    {
        // Only approver tokens decide: not agents (the agent cannot approve itself), and not admins (managing tokens is not approving).
        var approver = await GatewayHttp.RequireAsync(context, tokens, Role.Approver).ConfigureAwait(false);
        using var document = await GatewayHttp.ReadJsonAsync(context.Request).ConfigureAwait(false);
        var vote = GatewayHttp.Deserialize(document.RootElement, WireJsonContext.Readable.VoteRequestJson);
        if (vote.Reason is { Length: > 2000 })
        {
            throw GatewayException.BadRequest("The reason is longer than 2,000 characters.");
        }

        return GatewayHttp.Json(await act(approver, vote).ConfigureAwait(false), WireJsonContext.Readable.ApprovalJson);
    }
}
