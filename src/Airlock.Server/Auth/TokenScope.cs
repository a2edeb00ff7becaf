using Airlock.Analysis;
using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;

namespace Airlock.Server.Auth;

/// <summary>
/// What an agent token may touch: <c>tool:GLOB</c> entries limit the tools (by the client's tool name),
/// <c>env:NAME</c> entries the environments its operations may reach. No entries of a kind: no limit
/// of that kind. An environment that cannot be told is outside any environment list unless listed.
/// </summary>
internal sealed class TokenScope
{
    private readonly List<string> _tools = [];
    private readonly List<DeploymentEnvironment> _environments = [];

    private TokenScope()
    {
    }

    /// <summary>Parses scope entries; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static TokenScope Parse(IEnumerable<string> entries)
    {
        var scope = new TokenScope();
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var (kind, value) = colon < 0 ? ("", entry) : (entry[..colon].Trim(), entry[(colon + 1)..].Trim());
            switch (kind)
            {
                case "tool" when value.Length > 0:
                    scope._tools.Add(value);
                    break;
                case "env" when EnumNames.TryParse<DeploymentEnvironment>(value, out var environment):
                    scope._environments.Add(environment);
                    break;
                default:
                    throw new FormatException($"the scope entry '{entry}' is not tool:GLOB or env:NAME (NAME one of {string.Join(", ", EnumNames.All<DeploymentEnvironment>())})");
            }
        }

        return scope;
    }

    /// <summary>Null when the call is inside the scope; otherwise why it is not.</summary>
    public string? Refusal(string tool, Decision decision)
    {
        if (_tools.Count > 0 && !_tools.Any(glob => Glob.Match(glob, tool, ignoreCase: true)))
        {
            return $"this agent's token does not cover the tool '{tool}'";
        }

        if (_environments.Count > 0)
        {
            var outside = decision.Operations.Select(o => o.Operation).FirstOrDefault(o => o.BlastRadius >= BlastRadius.Remote && !_environments.Contains(o.Environment));
            if (outside is not null)
            {
                return $"this agent's token does not cover the {EnumNames.Of(outside.Environment)} environment ({outside.Kind} on '{outside.Target}')";
            }
        }

        return null;
    }
}
