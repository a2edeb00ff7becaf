using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>Infers which environment a name, host or URL points at, from the words it is made of.</summary>
internal static class EnvironmentInference
{
    // Whole words only: "prod" in "db.prod.example.com" counts, "product" does not.
    private static readonly Dictionary<string, DeploymentEnvironment> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prod"] = DeploymentEnvironment.Prod,
        ["production"] = DeploymentEnvironment.Prod,
        ["prd"] = DeploymentEnvironment.Prod,
        ["staging"] = DeploymentEnvironment.Staging,
        ["stage"] = DeploymentEnvironment.Staging,
        ["stg"] = DeploymentEnvironment.Staging,
        ["preprod"] = DeploymentEnvironment.Staging,
        ["uat"] = DeploymentEnvironment.Staging,
        ["qa"] = DeploymentEnvironment.Staging,
        ["dev"] = DeploymentEnvironment.Dev,
        ["development"] = DeploymentEnvironment.Dev,
        ["test"] = DeploymentEnvironment.Dev,
        ["testing"] = DeploymentEnvironment.Dev,
        ["sandbox"] = DeploymentEnvironment.Dev,
        ["local"] = DeploymentEnvironment.Local,
        ["localhost"] = DeploymentEnvironment.Local,
        ["minikube"] = DeploymentEnvironment.Local,
        ["kind"] = DeploymentEnvironment.Local,
        ["docker-desktop"] = DeploymentEnvironment.Local,
        ["k3d"] = DeploymentEnvironment.Local,
    };

    private static readonly char[] Separators = ['.', '-', '_', '/', ':', '@', ' ', '=', ',', '?', '&'];

    /// <summary>Local clusters whose names also carry other words (kind-dev, docker-desktop).</summary>
    private static readonly string[] LocalClusters = ["docker-desktop", "rancher-desktop", "orbstack", "colima", "microk8s", "minikube", "kind-", "k3d-"];

    /// <summary>The environment named by the words of <paramref name="text"/>, production first when several are named.</summary>
    public static DeploymentEnvironment? FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (LocalClusters.Any(c => text.StartsWith(c, StringComparison.OrdinalIgnoreCase) || text.Equals(c.TrimEnd('-'), StringComparison.OrdinalIgnoreCase)))
        {
            return DeploymentEnvironment.Local;
        }

        DeploymentEnvironment? best = null;
        var saysLive = false;
        // StagingStack, prodCluster: camelCase names carry the word too.
        foreach (var word in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).SelectMany(Http.DestructiveFieldNames.SplitWords))
        {
            if (word.Equals("live", StringComparison.OrdinalIgnoreCase))
            {
                saysLive = true;
            }
            else if (Words.TryGetValue(word, out var env) && (best is null || Rank(env) > Rank(best.Value)))
            {
                best = env;
            }
        }

        // "live" alone means production, but it is also the root folder of Terragrunt-style trees
        // (live/staging, live/prod): when another environment is named, that one is meant.
        return best ?? (saysLive ? DeploymentEnvironment.Prod : null);
    }

    /// <summary>Local for loopback and local-only host names; otherwise what the host's words say.</summary>
    public static DeploymentEnvironment? FromHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        host = host.Trim('[', ']').ToLowerInvariant();
        if (IsLocalHost(host))
        {
            return DeploymentEnvironment.Local;
        }

        // The top-level domain is not an environment: api.acme.dev is a production API on .dev.
        var lastDot = host.LastIndexOf('.');
        return FromText(lastDot > 0 && host[(lastDot + 1)..].All(char.IsAsciiLetter) ? host[..lastDot] : host);
    }

    public static bool IsLocalHost(string host)
    {
        host = host.Trim('[', ']').ToLowerInvariant();
        return host is "localhost" or "::1" or "0.0.0.0" or "host.docker.internal"
            || host.StartsWith("127.", StringComparison.Ordinal)
            || host.EndsWith(".localhost", StringComparison.Ordinal)
            || host.EndsWith(".local", StringComparison.Ordinal);
    }

    /// <summary>The more dangerous of two environments, treating unknown as production.</summary>
    public static DeploymentEnvironment Worst(DeploymentEnvironment a, DeploymentEnvironment b) => Rank(a) >= Rank(b) ? a : b;

    public static int Rank(DeploymentEnvironment env) => env switch
    {
        DeploymentEnvironment.Local => 0,
        DeploymentEnvironment.Dev => 1,
        DeploymentEnvironment.Staging => 2,
        DeploymentEnvironment.Unknown => 3,
        DeploymentEnvironment.Prod => 4,
        _ => 4,
    };
}
