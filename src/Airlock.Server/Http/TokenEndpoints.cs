using Airlock.Server.Auth;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary>The admin API for tokens: create (the token is in that answer only), list, revoke.</summary>
internal static class TokenEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext context, TokenService tokens)
    {
        var admin = await GatewayHttp.RequireAsync(context, tokens, Role.Admin).ConfigureAwait(false);
        using var document = await GatewayHttp.ReadJsonAsync(context.Request).ConfigureAwait(false);
        var request = GatewayHttp.Deserialize(document.RootElement, WireJsonContext.Readable.TokenCreateJson);
        var created = await tokens.CreateAsync(request, admin.Name, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        return GatewayHttp.Json(created, WireJsonContext.Readable.TokenJson, 201);
    }

    public static async Task<IResult> ListAsync(HttpContext context, TokenService tokens)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin).ConfigureAwait(false);
        return GatewayHttp.Json(await tokens.ListAsync(context.RequestAborted).ConfigureAwait(false), WireJsonContext.Readable.ListTokenJson);
    }

    public static async Task<IResult> RevokeAsync(string id, HttpContext context, TokenService tokens)
    {
        var admin = await GatewayHttp.RequireAsync(context, tokens, Role.Admin).ConfigureAwait(false);
        await tokens.RevokeAsync(id, admin.Name, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }
}
