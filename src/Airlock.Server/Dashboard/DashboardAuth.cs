using Airlock.Configuration;
using Airlock.Server.Auth;
using Airlock.Server.Hosting;
using Airlock.Server.Http;
using Airlock.Server.Logging;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Dashboard;

/// <summary>
/// Signing in to the dashboard with an approver or admin token (<c>/v1/session</c>), and the cookie
/// side of authentication. The cookie is HttpOnly, SameSite=Strict, and Secure on TLS; every change
/// made with it must also carry the session's CSRF token in <see cref="DashboardSessions.CsrfHeader"/>.
/// </summary>
internal static class DashboardAuth
{
    public static async Task<IResult> SignInAsync(HttpContext context, TokenService tokens, DashboardSessions sessions, GatewayConfig config, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger("Airlock.Dashboard");
        // A JSON body cannot be sent cross-site without a CORS preflight, which this server never grants.
        if (!IsJson(context.Request))
        {
            throw new GatewayException(415, "unsupported_media_type", "Sign in with a JSON body: {\"token\": \"alk_approver_…\"}.");
        }

        RefuseForeignOrigin(context);
        using var document = await GatewayHttp.ReadJsonAsync(context.Request).ConfigureAwait(false);
        var request = GatewayHttp.Deserialize(document.RootElement, WireJsonContext.Readable.SignInRequestJson);
        var token = request.Token?.Trim();
        var principal = await tokens.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (principal is null)
        {
            DashboardLog.SignInRefused(logger, "unknown, revoked or expired token");
            throw new GatewayException(401, "unauthorized", "This token is not a valid, unrevoked Airlock token.");
        }

        if (principal.Role == Role.Agent)
        {
            DashboardLog.SignInRefused(logger, $"agent token of {principal.Name}");
            throw GatewayException.Forbidden("An agent token cannot sign in to the dashboard: sign in with an approver or admin token.");
        }

        var (sessionId, csrf) = sessions.Start(principal.Token.Hash);
        context.Response.Cookies.Append(DashboardSessions.CookieName, sessionId, new CookieOptions
        {
            HttpOnly = true,
            Secure = IsTls(context, config),
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = DashboardSessions.AbsoluteLimit,
            IsEssential = true,
        });
        DashboardLog.SignedIn(logger, principal.Name, EnumNames.Of(principal.Role), principal.Token.Tenant);
        return GatewayHttp.Json(View(principal, csrf), WireJsonContext.Readable.SessionJson);
    }

    /// <summary>Who is signed in, with the CSRF token the page needs after a reload (it cannot read the cookie).</summary>
    public static async Task<IResult> CurrentAsync(HttpContext context, TokenService tokens, DashboardSessions sessions)
    {
        var session = sessions.Find(context.Request.Cookies[DashboardSessions.CookieName])
            ?? throw new GatewayException(401, "unauthorized", "Not signed in to the dashboard.");
        var principal = await RequireTokenAsync(context, tokens, sessions, session).ConfigureAwait(false);
        return GatewayHttp.Json(View(principal, session.Csrf), WireJsonContext.Readable.SessionJson);
    }

    public static async Task<IResult> SignOutAsync(HttpContext context, TokenService tokens, DashboardSessions sessions, GatewayConfig config, ILoggerFactory logs)
    {
        var sessionId = context.Request.Cookies[DashboardSessions.CookieName];
        var principal = await PrincipalAsync(context, tokens, sessionId).ConfigureAwait(false);
        sessions.End(sessionId);
        context.Response.Cookies.Delete(DashboardSessions.CookieName, new CookieOptions { Path = "/", Secure = IsTls(context, config), SameSite = SameSiteMode.Strict, HttpOnly = true });
        DashboardLog.SignedOut(logs.CreateLogger("Airlock.Dashboard"), principal.Name);
        return Results.NoContent();
    }

    /// <summary>The principal behind a session cookie; a change (any method but GET and HEAD) must carry the CSRF token.</summary>
    public static async Task<Principal> PrincipalAsync(HttpContext context, TokenService tokens, string? sessionId)
    {
        var sessions = context.RequestServices.GetRequiredService<DashboardSessions>();
        var session = sessions.Find(sessionId)
            ?? throw new GatewayException(401, "unauthorized", "The dashboard session has ended; sign in again.");
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            RefuseForeignOrigin(context);
            if (!DashboardSessions.CsrfMatches(session, context.Request.Headers[DashboardSessions.CsrfHeader]))
            {
                throw new GatewayException(403, "csrf_token_invalid", $"This change came without the session's CSRF token ({DashboardSessions.CsrfHeader}); reload the dashboard and try again.");
            }
        }

        return await RequireTokenAsync(context, tokens, sessions, session).ConfigureAwait(false);
    }

    private static async Task<Principal> RequireTokenAsync(HttpContext context, TokenService tokens, DashboardSessions sessions, DashboardSessions.Session session)
    {
        var principal = await tokens.AuthenticateHashAsync(session.TokenHash, context.RequestAborted).ConfigureAwait(false);
        if (principal is null || principal.Role == Role.Agent)
        {
            sessions.End(context.Request.Cookies[DashboardSessions.CookieName]);
            throw new GatewayException(401, "unauthorized", "The token this session signed in with was revoked or has expired; sign in again.");
        }

        return principal;
    }

    /// <summary>Browsers send Origin on every cross-origin change; one that is not this server's is refused.</summary>
    private static void RefuseForeignOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            throw GatewayException.Forbidden("This request comes from another site's page; the dashboard accepts changes only from its own pages.");
        }
    }

    /// <summary>TLS here, or in front of the gateway: a public_url of https means a TLS-terminating proxy serves it.</summary>
    private static bool IsTls(HttpContext context, GatewayConfig config) =>
        context.Request.IsHttps || (config.PublicUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false);

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static SessionJson View(Principal principal, string csrf) => new()
    {
        Name = principal.Name,
        Role = EnumNames.Of(principal.Role),
        Tenant = principal.Token.Tenant,
        Csrf = csrf,
    };
}
