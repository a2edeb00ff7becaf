using Airlock.Policy;
using Airlock.Server.Auth;
using Airlock.Wire;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary><c>GET /v1/policy</c>: the policy this gateway decides with, read-only — its source, hash and text.</summary>
internal static class PolicyEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext context, TokenService tokens, AirlockPolicy policy)
    {
        // Approvers read it too: the rule that held a request is part of what they judge.
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        var view = new PolicyJson
        {
            Source = policy.Source,
            Sha256 = policy.ContentSha256,
            Documents = [.. policy.Documents.Select(d => new PolicyDocumentJson { Source = d.Source, Text = d.Text })],
        };
        return GatewayHttp.Json(view, WireJsonContext.Readable.PolicyJson);
    }
}
