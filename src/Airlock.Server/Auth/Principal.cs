using Airlock.Server.Store;

namespace Airlock.Server.Auth;

/// <summary>Who a request comes from, as its bearer token says.</summary>
internal sealed record Principal(TokenRecord Token)
{
    public string Name => Token.Name;
    public Role Role => Token.Role;

    /// <summary>Identity across tokens: the same name in the same tenant is the same principal.</summary>
    public string Key => $"{Token.Tenant}/{Token.Name}";

    public bool IsSamePrincipalAs(string tenant, string name) =>
        string.Equals(Token.Tenant, tenant, StringComparison.Ordinal) && string.Equals(Token.Name, name, StringComparison.Ordinal);
}
