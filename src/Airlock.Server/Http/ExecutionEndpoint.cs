using Airlock.Server.Auth;
using Airlock.Server.Store;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary>
/// <c>POST /v1/executions</c>: an agent's enforcement point (<c>airlock exec</c>, the MCP proxy) reports
/// what happened when a call the gateway allowed ran. Recorded in the audit log, linked to its decision;
/// only the agent the decision was made for can report on it.
/// </summary>
internal static class ExecutionEndpoint
{
    private static readonly string[] Statuses = ["completed", "failed", "not_started"];

    public static async Task<IResult> HandleAsync(HttpContext context, TokenService tokens, IGatewayStore store, TimeProvider time)
    {
        var agent = await GatewayHttp.RequireAsync(context, tokens, Role.Agent).ConfigureAwait(false);
        using var document = await GatewayHttp.ReadJsonAsync(context.Request).ConfigureAwait(false);
        var body = GatewayHttp.Deserialize(document.RootElement, WireJsonContext.Readable.ExecutionJson);
        if (string.IsNullOrWhiteSpace(body.DecisionId))
        {
            throw GatewayException.BadRequest("'decision_id' is required: the decision that allowed the call.");
        }

        if (!Statuses.Contains(body.Status))
        {
            throw GatewayException.BadRequest($"'status' must be one of {string.Join(", ", Statuses)}.");
        }

        var detail = Redaction.SecretRedactor.Redact(body.Detail is { Length: > 2000 } text ? text[..2000] : body.Detail ?? "");
        var execution = new ExecutionRecord
        {
            DecisionId = body.DecisionId,
            At = time.GetUtcNow(),
            Status = body.Status!,
            ExitCode = body.ExitCode,
            HttpStatus = body.HttpStatus,
            DurationMs = body.DurationMs is >= 0 ? body.DurationMs : null,
            Detail = body.Detail is null ? null : detail.Text,
            Redactions = [.. detail.Kinds.Distinct().Select(kind => new Redaction.RedactionNote("$.detail", kind))],
            ReportedBy = agent.Name,
        };
        var seq = await store.WriteAsync(tx =>
        {
            var decision = tx.Decision(execution.DecisionId);
            if (decision is null || decision.Tenant != agent.Token.Tenant || decision.Agent != agent.Name)
            {
                throw new GatewayException(404, "not_found", $"There is no decision {execution.DecisionId} for this agent.");
            }

            tx.AddExecution(execution);
            return tx.AuditSeq("execution", execution.DecisionId) ?? -1;
        }, context.RequestAborted).ConfigureAwait(false);
        return GatewayHttp.Json(new ExecutionRecordedJson { Seq = seq }, WireJsonContext.Readable.ExecutionRecordedJson, 201);
    }
}
