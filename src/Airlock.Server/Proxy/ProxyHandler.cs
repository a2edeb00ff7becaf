using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Airlock.Policy;
using Airlock.Server.Auth;
using Airlock.Server.Decisions;
using Airlock.Server.Executions;
using Airlock.Server.Hosting;
using Airlock.Server.Http;
using Airlock.Server.Logging;
using Airlock.Server.Store;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Proxy;

/// <summary>
/// <c>/proxy/ROUTE/…</c>: one proxied request. The agent authenticates with its Airlock token; the
/// request is classified as an <c>http_request</c> tool call and decided through <see cref="DecideService"/>
/// (the same decision records, approval requests and single-use grants as <c>POST /v1/decide</c>);
/// allowed, it is forwarded with the route's credential and its response streamed back; denied, 403;
/// held for approval, 428. With an <c>Idempotency-Key</c> a retry is answered from the kept response.
/// </summary>
internal sealed class ProxyHandler(
    GatewayConfig config,
    TokenService tokens,
    ProxyCredentials credentials,
    DecideService decisions,
    ProxyIdempotency idempotency,
    ProxyForwarder forwarder,
    IExecutionRecorder executions,
    TimeProvider time,
    ILogger<ProxyHandler> logger)
{
    public const string DecisionHeader = "Airlock-Decision";
    public const string DecisionIdHeader = "Airlock-Decision-Id";
    public const string ApprovalIdHeader = "Airlock-Approval-Id";

    private readonly Dictionary<string, ProxyRoute> _routes = config.ProxyRoutes.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var name = context.GetRouteValue("route") as string ?? "";
        // Authenticated first, so a caller without a token learns nothing, not even which routes exist.
        var agent = await AuthenticateAsync(context, _routes.GetValueOrDefault(name)).ConfigureAwait(false);
        if (!_routes.TryGetValue(name, out var route))
        {
            throw new GatewayException(404, "unknown_route", $"There is no proxy route '{name}'; the routes are in the gateway's config.yaml under proxy: routes:.");
        }

        var upstream = ProxyTarget.Upstream(route, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        string? credential = null;
        if (route.CredentialHeader is not null)
        {
            credential = await credentials.GetAsync(route.Name, context.RequestAborted).ConfigureAwait(false)
                ?? throw new GatewayException(503, "credential_missing", $"The gateway holds no credential for the proxy route '{route.Name}' yet, so nothing is forwarded; an admin sets it with 'airlock proxy credential set {route.Name}'.");
        }

        var body = await ProxyBody.ReadAsync(context, upstream).ConfigureAwait(false);
        var action = ProxyAction.Build(route, context.Request, upstream, body, ClassifiedHeaders(context.Request, route));
        var key = context.Request.Headers[ProxyHeaders.IdempotencyKey].ToString();
        ProxyResponseRecord? keyed = null;
        if (key.Length > 0)
        {
            var (run, replay) = await idempotency.BeginAsync(agent.Key, route, key, ProxyAction.RequestHash(action, body), context.RequestAborted).ConfigureAwait(false);
            if (replay is not null)
            {
                ProxyLog.Replayed(logger, route.Name, replay.Status);
                await ProxyForwarder.WriteAsync(context, replay, [new("Idempotent-Replayed", "true")]).ConfigureAwait(false);
                return;
            }

            keyed = run;
        }

        var settled = false;
        try
        {
            var decision = (await decisions.DecideAsync(agent, action, idempotency: null, askOutOfBand: true, context.RequestAborted).ConfigureAwait(false)).Decision!;
            if (decision.Decision != Configuration.EnumNames.Of(Outcome.Allow))
            {
                await RefuseAsync(context, decision).ConfigureAwait(false);
                return;
            }

            settled = true;
            await ForwardAsync(context, route, agent, upstream, body, credential, decision, key, keyed).ConfigureAwait(false);
        }
        finally
        {
            if (keyed is not null && !settled)
            {
                // Not forwarded (refused, held, or failed before the decision): the same key may be used again once decided.
                await idempotency.ReleaseAsync(keyed).ConfigureAwait(false);
            }
        }
    }

    private async Task ForwardAsync(HttpContext context, ProxyRoute route, Principal agent, Uri upstream, ProxyBody body, string? credential, DecisionJson decision, string key, ProxyResponseRecord? keyed)
    {
        var decisionId = decision.DecisionId!;
        var started = Stopwatch.GetTimestamp();
        var at = time.GetUtcNow();
        ForwardResult? result = null;
        try
        {
            using var message = ProxyForwarder.CreateRequest(context, route, upstream, body, credential, UpstreamIdempotencyKey(route, agent, key, decision));
            KeyValuePair<string, string>[] extra = [new(DecisionHeader, "allow"), new(DecisionIdHeader, decisionId)];
            result = await forwarder.ForwardAsync(context, route, message, keep: keyed is not null, extra).ConfigureAwait(false);
            if (result.Answer is not null && !context.Response.HasStarted)
            {
                await ProxyForwarder.WriteAsync(context, result.Answer, extra).ConfigureAwait(false);
            }
        }
        finally
        {
            if (keyed is not null)
            {
                // Settled before the response completes, so a retry sent the moment the agent has the answer is replayed.
                // Not sent: the key is free again. Sent, or unknown because forwarding failed unexpectedly: never sent again with this key.
                await (result is { MayHaveBeenSent: false }
                    ? idempotency.ReleaseAsync(keyed)
                    : idempotency.CompleteAsync(keyed, result?.Kept ?? result?.Answer, result?.Status ?? 0)).ConfigureAwait(false);
            }
        }

        if (result.Outcome != ExecutionStatus.ClientAborted && !context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }

        var duration = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Outcome == ExecutionStatus.Completed)
        {
            ProxyLog.Forwarded(logger, decisionId, route.Name, context.Request.Method, result.Status, duration);
        }
        else
        {
            ProxyLog.UpstreamFailed(logger, route.Name, decisionId, result.Outcome, result.Failure ?? result.Outcome);
        }

        // Not awaited: the response is complete, and on a kept-alive connection the agent's next request
        // waits for this handler to return; the recorder commits it durably on its own.
        _ = RecordAsync(new ExecutionRecord
        {
            DecisionId = decisionId,
            Kind = "http",
            Target = route.Name,
            Status = result.Outcome,
            HttpStatus = result.Status == 0 ? null : result.Status,
            DurationMs = duration,
            At = at,
            ReportedBy = "airlock proxy",
        });
    }

    private async Task RecordAsync(ExecutionRecord execution)
    {
        try
        {
            await executions.RecordAsync(execution).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The response is already complete; a lost execution record is logged, not turned into an error for the agent.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ProxyLog.ExecutionNotRecorded(logger, execution.DecisionId, e.GetType().Name, e);
        }
    }

    /// <summary>403 for a refusal, 428 for a request held for approval: JSON an agent reads, with the decision and what a human must do.</summary>
    private static async Task RefuseAsync(HttpContext context, DecisionJson decision)
    {
        var approval = decision.Decision == Configuration.EnumNames.Of(Outcome.Approve) ? decision.Approval : null;
        var refusal = approval is null
            ? new ProxyRefusalJson { Error = decision.AgentMessage ?? "Airlock refused this request.", Code = "denied", Decision = decision }
            : new ProxyRefusalJson
            {
                Error = $"Airlock is holding this request until a human approves it: {decision.HumanMessage} A human must approve request {approval.Id} ({approval.ApproveCommand}); "
                    + "then send exactly the same request again (same method, path, headers and body) and it is forwarded once. Do not try to reach the API another way; tell the user what you need and why.",
                Code = "approval_required",
                Decision = decision,
            };
        var response = context.Response;
        // 428 Precondition Required (RFC 6585): the same request succeeds once a precondition — a human's approval — is met. SDKs do not retry it on their own, as they do 409 or 5xx.
        response.StatusCode = approval is null ? StatusCodes.Status403Forbidden : StatusCodes.Status428PreconditionRequired;
        response.Headers.CacheControl = "no-store";
        response.Headers[DecisionHeader] = decision.Decision;
        response.Headers[DecisionIdHeader] = decision.DecisionId;
        if (approval is not null)
        {
            response.Headers[ApprovalIdHeader] = approval.Id;
        }

        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(refusal, ProxyJsonContext.Readable.ProxyRefusalJson), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The agent's token: <c>X-Airlock-Token</c>, else <c>Authorization: Bearer</c>, else the route's own
    /// credential header (an SDK configured with the agent token as its API key sends it there).
    /// </summary>
    private async Task<Principal> AuthenticateAsync(HttpContext context, ProxyRoute? route)
    {
        var headers = context.Request.Headers;
        var token = headers[ProxyHeaders.AirlockToken].ToString() is { Length: > 0 } dedicated ? dedicated.Trim() : null;
        var authorization = headers.Authorization.ToString();
        token ??= authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (token is null && route?.CredentialHeader is not null && headers[route.CredentialHeader].ToString() is { Length: > 0 } routeHeader)
        {
            var value = route.CredentialScheme is not null && routeHeader.StartsWith(route.CredentialScheme + " ", StringComparison.OrdinalIgnoreCase)
                ? routeHeader[(route.CredentialScheme.Length + 1)..].Trim()
                : routeHeader.Trim();
            token = value.StartsWith("alk_", StringComparison.Ordinal) ? value : null;
        }

        var principal = await tokens.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false)
            ?? throw new GatewayException(401, "unauthorized", $"Send the agent's Airlock token as 'Authorization: Bearer TOKEN' or '{ProxyHeaders.AirlockToken}: TOKEN'; the upstream's own credential is added by the gateway.");
        return principal.Role == Role.Agent
            ? principal
            : throw GatewayException.Forbidden("Only agent tokens use the proxy: it decides an agent's requests, and approvers and admins do not send any.");
    }

    /// <summary>The forwarded headers that say what the request does, lower-case and sorted: part of what is classified and approved.</summary>
    private static List<KeyValuePair<string, string>> ClassifiedHeaders(HttpRequest request, ProxyRoute route)
    {
        var connectionNamed = ProxyHeaders.NamedByConnection(request.Headers.Connection);
        return request.Headers
            .Where(h => ProxyHeaders.ForwardsRequest(h.Key, route, connectionNamed) && ProxyHeaders.Classified(h.Key))
            .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value.ToString()))
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What goes upstream as <c>Idempotency-Key</c> when the route says the upstream honours one: derived
    /// from the agent's key (scoped to the agent and route, since every agent shares the upstream account),
    /// else the approval's id for an approved request — so even a second send of it could not act twice.
    /// </summary>
    private static string? UpstreamIdempotencyKey(ProxyRoute route, Principal agent, string key, DecisionJson decision)
    {
        if (!route.IdempotencyKey)
        {
            return null;
        }

        if (key.Length > 0)
        {
            return "airlock-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{agent.Key}\n{route.Name}\n{key}")))[..40];
        }

        return decision.ReasonCode == ReasonCodes.ApprovalGranted ? decision.Approval?.Id : null;
    }
}
