using Airlock.Configuration;
using Airlock.Server.Http;
using Airlock.Server.Store;
using Airlock.Wire;

namespace Airlock.Server.Auth;

/// <summary>Creates, lists, revokes and checks tokens. Only the hash is stored; the token is returned once.</summary>
internal sealed class TokenService(IGatewayStore store, TimeProvider time)
{
    public const string DefaultTenant = "default";

    /// <summary>
    /// How long a token read from the store is trusted without reading it again. A revocation made on
    /// this gateway takes effect at once; one made on another instance sharing the database, within this.
    /// Reading the token on every decide cost more than the decision itself (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(1);

    private const int MaxCachedTokens = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TokenRecord Token, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    public async Task<TokenJson> CreateAsync(TokenCreateJson request, string createdBy, CancellationToken cancellationToken)
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
            CreatedBy = createdBy,
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

    public async Task RevokeAsync(string id, string revokedBy, CancellationToken cancellationToken)
    {
        var revoked = await store.WriteAsync(tx => tx.RevokeToken(id, time.GetUtcNow(), revokedBy), cancellationToken).ConfigureAwait(false);
        foreach (var (hash, cached) in _cache)
        {
            if (cached.Token.Id == id)
            {
                _cache.TryRemove(hash, out _);
            }
        }

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

        return await AuthenticateHashAsync(TokenSecrets.Hash(token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same check by the token's hash: a dashboard session holds the hash, never the token.</summary>
    public async Task<Principal?> AuthenticateHashAsync(string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        TokenRecord? record;
        if (_cache.TryGetValue(hash, out var cached) && now - cached.ReadAt < CacheLifetime)
        {
            record = cached.Token;
        }
        else
        {
            record = await store.ReadAsync(reader => reader.TokenByHash(hash), cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                if (_cache.Count >= MaxCachedTokens)
                {
                    _cache.Clear();
                }

                _cache[hash] = (record, now);
            }
        }

        return record is not null && record.IsUsable(now) ? new Principal(record) : null;
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
