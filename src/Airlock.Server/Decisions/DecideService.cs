using System.Text.Json;
using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;
using Airlock.Server.Approvals;
using Airlock.Server.Auth;
using Airlock.Server.Logging;
using Airlock.Server.Notifications;
using Airlock.Server.Store;
using Airlock.Wire;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Decisions;

/// <summary>
/// <c>POST /v1/decide</c>: decide a tool call for an agent, and for an approve outcome find or create
/// its approval request, or consume the grant an approval produced — exactly once, in the same
/// transaction that records the decision. Every decision is durably recorded before it is answered.
/// </summary>
internal sealed class DecideService(
    IGatewayStore store,
    Func<PolicyEngine> engine,
    DecisionRecorder recorder,
    ApprovalViews views,
    IGatewayEvents events,
    byte[] fingerprintKey,
    TimeProvider time,
    ILogger<DecideService> logger)
{
    public Task<GatewayAnswer> DecideAsync(Principal agent, DecideRequestJson body, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        var request = new ActionRequest
        {
            Tool = body.Tool!,
            Input = body.Input,
            Cwd = body.Cwd,
            Client = body.Client,
            Subject = new Subject { Tenant = agent.Token.Tenant, Workspace = agent.Token.Workspace, Agent = agent.Name, Session = body.Session },
        };
        return DecideAsync(agent, request, idempotency, askOutOfBand: false, cancellationToken);
    }

    /// <summary>
    /// Decides a call an adapter built itself (the HTTP proxy). With <paramref name="askOutOfBand"/> an
    /// ask becomes an approve: the adapter has no user at hand to confirm, so the confirmation is asked
    /// out of band. The subject is the agent's, whatever <paramref name="request"/> says.
    /// </summary>
    public async Task<GatewayAnswer> DecideAsync(Principal agent, ActionRequest request, IdempotencyRecord? idempotency, bool askOutOfBand, CancellationToken cancellationToken)
    {
        request = request with { Subject = new Subject { Tenant = agent.Token.Tenant, Workspace = agent.Token.Workspace, Agent = agent.Name, Session = request.Subject.Session } };
        var decision = engine().Decide(request);
        if (askOutOfBand && decision.Outcome == Outcome.Ask)
        {
            decision = AskOutOfBand(decision);
        }

        if (TokenScope.Parse(agent.Token.Scope).Refusal(request.Tool, decision) is { } refusal)
        {
            decision = decision with
            {
                Outcome = Outcome.Deny,
                ReasonCode = ReasonCodes.OutOfScope,
                Rule = "token scope",
                AgentMessage = $"Airlock refused this call: {refusal}. Do not retry it in another form; tell the user.",
                HumanMessage = $"Refused: {refusal}.",
            };
        }

        var now = time.GetUtcNow();
        // Redacted once: the same text is stored, answered and kept for idempotent replay.
        var redacted = RedactedAction.From(request, decision);
        var shown = Shown(decision, redacted);
        var record = Record(request, decision, redacted, now) with { Idempotency = idempotency };
        if (decision.Outcome != Outcome.Approve)
        {
            var answer = Answer(shown with { DecisionId = record.Id });
            await recorder.RecordAsync(Complete(record, answer)).ConfigureAwait(false);
            GatewayLog.Decided(logger, record.Id, agent.Key, request.Tool, record.Outcome, record.ReasonCode);
            return answer;
        }

        var fingerprint = ActionFingerprint.Compute(fingerprintKey, request);
        var (result, eventType, view) = await store.WriteAsync(tx => Resolve(tx, request, decision, shown, record, fingerprint, now), cancellationToken).ConfigureAwait(false);
        GatewayLog.Decided(logger, record.Id, agent.Key, request.Tool, Configuration.EnumNames.Of(decision.Outcome), decision.ReasonCode);
        if (eventType is not null)
        {
            events.Publish(new GatewayEvent(TokenSecrets.NewId("evt"), eventType, now, view!));
        }

        return result;
    }

    private (GatewayAnswer Answer, string? Event, ApprovalJson? View) Resolve(IGatewayTransaction tx, ActionRequest request, Decision decision, DecisionJson shown, DecisionRecord record, string fingerprint, DateTimeOffset now)
    {
        foreach (var open in tx.OpenApprovals(fingerprint))
        {
            var grant = tx.GrantForApproval(open.Id);
            var status = ApprovalViews.EffectiveStatus(open, grant, now);
            if (status == ApprovalStatus.Approved && grant!.IsUsable(now) && tx.ConsumeGrant(grant.Id, now, record.Id))
            {
                tx.TransitionApproval(open.Id, ApprovalStatus.Approved, ApprovalStatus.Consumed, now, null, null);
                var view = views.Load(tx, tx.Approval(open.Id)!, now);
                var granted = Answer(shown with
                {
                    Decision = EnumNames.Of(Outcome.Allow),
                    ReasonCode = ReasonCodes.ApprovalGranted,
                    Rule = $"approval {open.Id}",
                    AgentMessage = "",
                    HumanMessage = $"Approved by {string.Join(", ", view.Votes.Where(v => v.Vote == "approve").Select(v => v.Approver))} ({open.Id}); the single-use grant was consumed by this call.",
                    DecisionId = record.Id,
                    Approval = view,
                });
                tx.AddDecision(Complete(record with { Outcome = EnumNames.Of(Outcome.Allow), ReasonCode = ReasonCodes.ApprovalGranted, Rule = $"approval {open.Id}", ApprovalId = open.Id }, granted));
                return (granted, "grant.consumed", view);
            }

            if (status is ApprovalStatus.Pending or ApprovalStatus.Approved)
            {
                // Still waiting for approvers, or approved and in its cooling-off delay: the same request, not a new one.
                var view = views.Load(tx, open, now);
                var waiting = Pending(shown, record, view);
                tx.AddDecision(Complete(record with { ApprovalId = open.Id }, waiting));
                return (waiting, null, null);
            }
        }

        if (tx.RecentRejection(fingerprint, now - (decision.Approval ?? ApprovalRequirement.Default).Expires) is { } rejected)
        {
            var view = views.Load(tx, rejected, now);
            var reason = rejected.ResolutionReason is { Length: > 0 } text ? $": {text}" : "";
            var refused = Answer(shown with
            {
                Decision = EnumNames.Of(Outcome.Deny),
                ReasonCode = ReasonCodes.ApprovalRejected,
                Rule = $"approval {rejected.Id}",
                AgentMessage = $"A human rejected this exact call ({rejected.Id}){reason}. Do not retry it or try another way; tell the user.",
                HumanMessage = $"{rejected.ResolvedBy} rejected this exact call ({rejected.Id}){reason}.",
                DecisionId = record.Id,
                Approval = view,
            });
            tx.AddDecision(Complete(record with { Outcome = EnumNames.Of(Outcome.Deny), ReasonCode = ReasonCodes.ApprovalRejected, ApprovalId = rejected.Id }, refused));
            return (refused, null, null);
        }

        var approval = NewApproval(request, decision, record, fingerprint, now);
        tx.AddApproval(approval);
        var created = views.Load(tx, approval, now);
        var answer = Pending(shown, record, created);
        tx.AddDecision(Complete(record with { ApprovalId = approval.Id }, answer));
        return (answer, "approval.requested", created);
    }

    private static GatewayAnswer Pending(DecisionJson shown, DecisionRecord record, ApprovalJson approval) => Answer(shown with
    {
        AgentMessage = $"{shown.AgentMessage} Approval pending: request {approval.Id}; a human must approve it ({approval.ApproveCommand}); then run exactly the same command again.",
        DecisionId = record.Id,
        Approval = approval,
    });

    private static ApprovalRecord NewApproval(ActionRequest request, Decision decision, DecisionRecord record, string fingerprint, DateTimeOffset now)
    {
        var requirement = decision.Approval ?? ApprovalRequirement.Default;
        var gated = decision.Operations.Where(o => o.Outcome == Outcome.Approve).Select(o => o.Operation).ToList();
        return new ApprovalRecord
        {
            Id = TokenSecrets.NewId("apr"),
            Fingerprint = fingerprint,
            Status = ApprovalStatus.Pending,
            Tenant = record.Tenant,
            Workspace = record.Workspace,
            Agent = record.Agent,
            Session = record.Session,
            Client = record.Client,
            Tool = record.Tool,
            Input = record.Input,
            Cwd = record.Cwd,
            DecisionId = record.Id,
            Environment = EnumNames.Of(gated.Count > 0 ? gated.Max(o => o.Environment) : DeploymentEnvironment.Unknown),
            ReasonCode = decision.ReasonCode,
            Rule = decision.Rule,
            Summary = Redaction.SecretRedactor.Redact(decision.HumanMessage).Text,
            Operations = record.Operations,
            ApprovalsRequired = requirement.Approvers,
            ConfirmText = requirement.ConfirmTarget && gated.Count > 0 ? Redaction.SecretRedactor.Redact(gated[0].Target).Text : null,
            CoolingOff = requirement.CoolingOff,
            GrantTtl = requirement.GrantTtl,
            CreatedAt = now,
            ExpiresAt = now + requirement.Expires,
        };
    }

    private static DecisionRecord Record(ActionRequest request, Decision decision, RedactedAction redacted, DateTimeOffset now)
    {
        return new DecisionRecord
        {
            Id = "dec_" + Guid.CreateVersion7(now).ToString("N"),
            At = now,
            Tenant = request.Subject.Tenant!,
            Workspace = request.Subject.Workspace!,
            Agent = request.Subject.Agent!,
            Session = request.Subject.Session,
            Client = request.Client,
            Tool = request.Tool,
            Input = redacted.Input,
            Cwd = request.Cwd,
            Outcome = EnumNames.Of(decision.Outcome),
            ReasonCode = decision.ReasonCode,
            Rule = decision.Rule,
            Operations = redacted.Operations,
            Redactions = redacted.Notes,
        };
    }

    private static DecisionRecord Complete(DecisionRecord record, GatewayAnswer answer) => record.Idempotency is null
        ? record
        : record with { Idempotency = record.Idempotency with { Response = answer.Body, StatusCode = answer.Status } };

    /// <summary>The decision as answered and stored: operations and messages with secrets redacted, since the answer is kept for idempotent replay.</summary>
    private static DecisionJson Shown(Decision decision, RedactedAction redacted)
    {
        var json = DecisionJson.From(decision);
        return json with
        {
            Operations = redacted.OperationList,
            AgentMessage = json.AgentMessage is null ? null : Redaction.SecretRedactor.Redact(json.AgentMessage).Text,
            HumanMessage = json.HumanMessage is null ? null : Redaction.SecretRedactor.Redact(json.HumanMessage).Text,
        };
    }

    private static GatewayAnswer Answer(DecisionJson json) => new(200, JsonSerializer.Serialize(json, WireJsonContext.Readable.DecisionJson), json);

    private static Decision AskOutOfBand(Decision decision) => decision with
    {
        Outcome = Outcome.Approve,
        Operations = decision.Operations.Select(o => o.Outcome == Outcome.Ask ? o with { Outcome = Outcome.Approve } : o).ToList(),
        AgentMessage = decision.AgentMessage.Replace("The user must confirm this call", "A human must confirm this call out of band", StringComparison.Ordinal),
    };
}
