using Airlock.Server.Auth;
using Airlock.Server.Hosting;
using Airlock.Server.Http;
using Airlock.Server.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Proxy;

/// <summary>
/// The proxy's endpoints: every method under <c>/proxy/ROUTE/</c> for agents, and the admin API for
/// routes and their credentials (<c>GET /v1/proxy/routes</c>, <c>PUT|DELETE /v1/proxy/routes/{route}/credential</c>).
/// </summary>
internal static class ProxyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var handler = app.ServiceProvider.GetRequiredService<ProxyHandler>();
        RequestDelegate proxy = handler.HandleAsync;
        app.Map(ProxyRoute.PathPrefix + "{route}", proxy);
        app.Map(ProxyRoute.PathPrefix + "{route}/{**rest}", proxy);
        app.MapGet("/v1/proxy/routes", ListAsync);
        app.MapPut("/v1/proxy/routes/{route}/credential", SetCredentialAsync);
        app.MapDelete("/v1/proxy/routes/{route}/credential", DeleteCredentialAsync);
    }

    public static async Task<IResult> ListAsync(HttpContext context, TokenService tokens, GatewayConfig config, ProxyCredentials credentials)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin).ConfigureAwait(false);
        var set = await credentials.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var routes = config.ProxyRoutes.Select(route => new ProxyRouteJson
        {
            Name = route.Name,
            Prefix = route.Prefix,
            Upstream = route.Upstream.AbsoluteUri,
            Environment = route.Environment,
            CredentialHeader = route.CredentialHeader,
            CredentialSet = set.ContainsKey(route.Name),
            CredentialUpdatedAt = set.TryGetValue(route.Name, out var updated) ? updated.UpdatedAt : null,
            CredentialUpdatedBy = set.TryGetValue(route.Name, out var by) ? by.UpdatedBy : null,
            IdempotencyKey = route.IdempotencyKey,
        }).ToList();
        return GatewayHttp.Json(routes, ProxyJsonContext.Readable.ListProxyRouteJson);
    }

    public static async Task<IResult> SetCredentialAsync(string route, HttpContext context, TokenService tokens, GatewayConfig config, ProxyCredentials credentials, ILoggerFactory logs)
    {
        var admin = await GatewayHttp.RequireAsync(context, tokens, Role.Admin).ConfigureAwait(false);
        var known = KnownRoute(config, route);
        using var document = await GatewayHttp.ReadJsonAsync(context.Request).ConfigureAwait(false);
        var body = GatewayHttp.Deserialize(document.RootElement, ProxyJsonContext.Default.ProxyCredentialJson);
        await credentials.SetAsync(known.Name, body.Secret ?? "", admin, context.RequestAborted).ConfigureAwait(false);
        ProxyLog.CredentialChanged(logs.CreateLogger("Airlock.Proxy"), known.Name, "set", admin.Key);
        return Results.NoContent();
    }

    public static async Task<IResult> DeleteCredentialAsync(string route, HttpContext context, TokenService tokens, GatewayConfig config, ProxyCredentials credentials, ILoggerFactory logs)
    {
        var admin = await GatewayHttp.RequireAsync(context, tokens, Role.Admin).ConfigureAwait(false);
        var known = KnownRoute(config, route);
        if (!await credentials.DeleteAsync(known.Name, admin, context.RequestAborted).ConfigureAwait(false))
        {
            throw GatewayException.NotFound($"A credential for the proxy route '{known.Name}'");
        }

        ProxyLog.CredentialChanged(logs.CreateLogger("Airlock.Proxy"), known.Name, "deleted", admin.Key);
        return Results.NoContent();
    }

    private static ProxyRoute KnownRoute(GatewayConfig config, string name) =>
        config.ProxyRoutes.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal))
            ?? throw GatewayException.NotFound($"The proxy route '{name}' (routes are configured in config.yaml under proxy: routes:)");
}
