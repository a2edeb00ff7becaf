using System.Text.Json;
using Airlock.Configuration;
using Airlock.Server.Store;
using Airlock.Wire;

namespace Airlock.Server.Approvals;

/// <summary>Turns stored approval state into what approvers and agents read.</summary>
internal sealed class ApprovalViews(Func<string> publicUrl)
{
    /// <summary>Read on use: with port 0 the address is known only once the server has bound it.</summary>
    public string PublicUrl => publicUrl().TrimEnd('/');

    public ApprovalJson Build(ApprovalRecord approval, IReadOnlyList<VoteRecord> votes, GrantRecord? grant, DateTimeOffset now)
    {
        var input = JsonDocument.Parse(approval.Input).RootElement.Clone();
        return new ApprovalJson
        {
            Id = approval.Id,
            Status = EnumNames.Of(EffectiveStatus(approval, grant, now)),
            Tool = approval.Tool,
            Input = input,
            Command = Analysis.ActionAnalyzer.IsShellTool(approval.Tool) ? Analysis.ActionAnalyzer.ShellCommandOf(input) : null,
            Cwd = approval.Cwd,
            Tenant = approval.Tenant,
            Workspace = approval.Workspace,
            Agent = approval.Agent,
            Session = approval.Session,
            Client = approval.Client,
            Environment = approval.Environment,
            ReasonCode = approval.ReasonCode,
            Rule = approval.Rule,
            Summary = approval.Summary,
            Operations = JsonSerializer.Deserialize(approval.Operations, WireJsonContext.Default.ListOperationJson) ?? [],
            ApprovalsRequired = approval.ApprovalsRequired,
            ConfirmText = approval.ConfirmText,
            CoolingOffSeconds = approval.CoolingOff.TotalSeconds,
            Votes = [.. votes.Select(v => new VoteJson { Approver = v.Approver, Vote = v.Vote, Reason = v.Reason, At = v.At })],
            CreatedAt = approval.CreatedAt,
            ExpiresAt = approval.ExpiresAt,
            ResolvedAt = approval.ResolvedAt,
            ResolvedBy = approval.ResolvedBy,
            ResolutionReason = approval.ResolutionReason,
            GrantUsableAt = grant?.UsableAt,
            GrantExpiresAt = grant?.ExpiresAt,
            GrantConsumedAt = grant?.ConsumedAt,
            Url = $"{PublicUrl}/v1/approvals/{approval.Id}",
            ReviewUrl = $"{PublicUrl}/dashboard/#/approvals/{approval.Id}",
            ApproveCommand = $"airlock approvals approve {approval.Id} --server {PublicUrl}" + (approval.ConfirmText is null ? "" : " --confirm '<the target's name>'"),
        };
    }

    /// <summary>Expiry is enforced on read too, so a request past its time never shows as pending, sweeper or not.</summary>
    public static ApprovalStatus EffectiveStatus(ApprovalRecord approval, GrantRecord? grant, DateTimeOffset now) => approval.Status switch
    {
        ApprovalStatus.Pending when now >= approval.ExpiresAt => ApprovalStatus.Expired,
        ApprovalStatus.Approved when grant is { ConsumedAt: null } && now >= grant.ExpiresAt => ApprovalStatus.Expired,
        _ => approval.Status,
    };

    public ApprovalJson Load(IGatewayReader reader, ApprovalRecord approval, DateTimeOffset now) =>
        Build(approval, reader.Votes(approval.Id), reader.GrantForApproval(approval.Id), now);
}
