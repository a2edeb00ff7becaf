using System.Text.Json;
using Airlock.Server.Approvals;
using Airlock.Server.Auth;
using Airlock.Server.Decisions;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary><c>POST /v1/decide</c>: an agent token, one tool call, one durably recorded decision.</summary>
internal static class DecideEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, TokenService tokens, DecideService decisions, IdempotencyKeys idempotency)
    {
        var agent = await GatewayHttp.RequireAsync(context, tokens, Role.Agent).ConfigureAwait(false);
        using var document = await GatewayHttp.ReadJsonAsync(context.Request).ConfigureAwait(false);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw GatewayException.BadRequest("The request body must be a JSON object with 'tool' and 'input'.");
        }

        var body = GatewayHttp.Deserialize(document.RootElement, WireJsonContext.Default.DecideRequestJson);
        if (string.IsNullOrWhiteSpace(body.Tool))
        {
            throw GatewayException.BadRequest("The request needs 'tool': the tool's name as the client calls it (Bash, mcp__db__execute_sql, …).");
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } header ? header : body.IdempotencyKey;
        Store.IdempotencyRecord? run = null;
        if (key is not null)
        {
            var (toRun, instead) = await idempotency.BeginAsync(agent.Key, key, CanonicalJson.Write(document.RootElement, without: "idempotency_key"), context.RequestAborted).ConfigureAwait(false);
            if (instead is not null)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(instead.Body, "application/json", System.Text.Encoding.UTF8, instead.Status);
            }

            run = toRun;
        }

        var answer = await decisions.DecideAsync(agent, body, run, context.RequestAborted).ConfigureAwait(false);
        return Results.Text(answer.Body, "application/json", System.Text.Encoding.UTF8, answer.Status);
    }
}
