using Airlock.Configuration;
using Airlock.Server.Http;
using Airlock.Server.Store;
using Airlock.Wire;

namespace Airlock.Server.Auth;

/// <summary>Creates, lists, revokes and checks tokens. Only the hash is stored; the token is returned once.</summary>
internal sealed class TokenService(IGatewayStore store, TimeProvider time)
{
    public const string DefaultTenant = "default";

    public async Task<TokenJson> CreateAsync(TokenCreateJson request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            throw GatewayException.BadRequest("A token needs a name (1 to 200 characters): the person or agent it belongs to.");
        }

        if (!EnumNames.TryParse<Role>(request.Role ?? "", out var role))
        {
            throw GatewayException.BadRequest($"The role '{request.Role}' is not one of {string.Join(", ", EnumNames.All<Role>())}.");
        }

        TimeSpan? ttl = null;
        if (request.Ttl is { Length: > 0 } ttlText)
        {
            ttl = Durations.TryParse(ttlText, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw GatewayException.BadRequest($"The ttl '{ttlText}' is not a duration such as 8h, 30m or 7d.");
        }

        var scope = request.Scope ?? [];
        if (scope.Count > 0 && role != Role.Agent)
        {
            throw GatewayException.BadRequest("Only agent tokens carry a scope.");
        }

        try
        {
            TokenScope.Parse(scope);
        }
        catch (FormatException e)
        {
            throw GatewayException.BadRequest($"The scope is not valid: {e.Message}.");
        }

        var secret = TokenSecrets.Generate(role);
        var now = time.GetUtcNow();
        var record = new TokenRecord
        {
            Id = TokenSecrets.NewId("tok"),
            Hash = TokenSecrets.Hash(secret),
            Name = name,
            Role = role,
            Tenant = string.IsNullOrWhiteSpace(request.Tenant) ? DefaultTenant : request.Tenant.Trim(),
            Workspace = string.IsNullOrWhiteSpace(request.Workspace) ? DefaultTenant : request.Workspace.Trim(),
            Scope = scope,
            CreatedAt = now,
            ExpiresAt = now + ttl,
        };
        await store.WriteAsync(tx => { tx.AddToken(record); return 0; }, cancellationToken).ConfigureAwait(false);
        return View(record) with { Token = secret };
    }

    /// <summary>Creates the first admin token when there is no token at all; null when tokens exist.</summary>
    public async Task<string?> BootstrapAdminAsync(CancellationToken cancellationToken)
    {
        var secret = TokenSecrets.Generate(Role.Admin);
        var now = time.GetUtcNow();
        var created = await store.WriteAsync(tx =>
        {
            if (tx.TokenCount() > 0)
            {
                return false;
            }

            tx.AddToken(new TokenRecord { Id = TokenSecrets.NewId("tok"), Hash = TokenSecrets.Hash(secret), Name = "admin", Role = Role.Admin, Tenant = DefaultTenant, Workspace = DefaultTenant, CreatedAt = now });
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return created ? secret : null;
    }

    public Task<List<TokenJson>> ListAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(reader => reader.Tokens().Select(View).ToList(), cancellationToken);

    public async Task RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var revoked = await store.WriteAsync(tx => tx.RevokeToken(id, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (!revoked)
        {
            throw GatewayException.NotFound($"An unrevoked token {id}");
        }
    }

    /// <summary>The principal behind a bearer token, or null when the token is unknown, revoked or expired.</summary>
    public async Task<Principal?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var record = await store.ReadAsync(reader => reader.TokenByHash(TokenSecrets.Hash(token)), cancellationToken).ConfigureAwait(false);
        return record is not null && record.IsUsable(time.GetUtcNow()) ? new Principal(record) : null;
    }

    private static TokenJson View(TokenRecord record) => new()
    {
        Id = record.Id,
        Name = record.Name,
        Role = EnumNames.Of(record.Role),
        Tenant = record.Tenant,
        Workspace = record.Workspace,
        Scope = record.Scope,
        CreatedAt = record.CreatedAt,
        ExpiresAt = record.ExpiresAt,
        RevokedAt = record.RevokedAt,
    };
}
