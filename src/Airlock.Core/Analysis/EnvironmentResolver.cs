using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// Finds which environment a remote operation targets from what the call itself says: the tool's
/// context/profile/project options, environment variables set for the command or known from the
/// client, a wrapper's claim, and the names of the targets. The most dangerous reading wins.
/// </summary>
internal static class EnvironmentResolver
{
    /// <summary>Variables that name the environment for any tool.</summary>
    private static readonly string[] GenericVariables =
    [
        "RAILS_ENV", "RACK_ENV", "NODE_ENV", "APP_ENV", "ENV", "ENVIRONMENT", "STAGE", "MIX_ENV", "FLASK_ENV", "DJANGO_ENV",
        "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "TF_WORKSPACE", "DEPLOY_ENV", "APP_ENVIRONMENT", "SPRING_PROFILES_ACTIVE",
    ];

    public static (DeploymentEnvironment Environment, string Evidence) Resolve(
        ToolEntry? entry, ParsedArgs? parsed, Invocation invocation, AnalysisContext context, IEnumerable<string> targetTexts)
    {
        DeploymentEnvironment? best = null;
        var evidence = "nothing in the call names the environment; treated as unknown";

        void Consider(string? text, string source)
        {
            var env = EnvironmentInference.FromText(text);
            if (env is { } found && (best is null || EnvironmentInference.Worst(best.Value, found) == found && best != found))
            {
                best = found;
                evidence = source;
            }
        }

        if (entry is not null && parsed is not null)
        {
            foreach (var (option, value) in parsed.Values.Where(v => entry.EnvironmentOptions.Contains(v.Option)))
            {
                Consider(value.Text, $"{option} {value.Text}");
            }
        }

        foreach (var name in (entry?.EnvironmentVariables ?? []).Concat(GenericVariables))
        {
            if (invocation.Assignments.TryGetValue(name, out var assigned))
            {
                Consider(assigned.Text, $"{name}={assigned.Text}");
            }
            else if (invocation.Scope.Get(name, out var known) is { } scoped && known)
            {
                Consider(scoped, $"{name}={scoped} (set earlier in the command)");
            }
            else if (context.EnvironmentHints.TryGetValue(name, out var hinted))
            {
                Consider(hinted, $"{name}={hinted} (the agent's environment)");
            }
        }

        if (invocation.Environment is { } claim)
        {
            Consider(claim.Environment.ToString(), claim.Evidence);
        }

        // A connection URL among the arguments names its host (goose postgres "postgres://localhost/app" down).
        foreach (var url in parsed?.Positionals.Where(p => p.Known && p.Text.Contains("://", StringComparison.Ordinal)) ?? [])
        {
            if (DatabaseLocation.HostOfUrl(url.Text) is { } host && EnvironmentInference.FromHost(host) is { } hostEnvironment)
            {
                Consider(hostEnvironment.ToString(), $"host '{host}'");
            }
        }

        // make/rake/just take NAME=value arguments: `rake db:drop RAILS_ENV=production`.
        foreach (var assignment in parsed?.Positionals.Where(p => p.Known && p.Text.Contains('=', StringComparison.Ordinal)) ?? [])
        {
            var name = assignment.Text[..assignment.Text.IndexOf('=', StringComparison.Ordinal)];
            if (GenericVariables.Contains(name, StringComparer.Ordinal) || (entry?.EnvironmentVariables.Contains(name) ?? false))
            {
                Consider(assignment.Text[(name.Length + 1)..], assignment.Text);
            }
        }

        // A `cd` into a folder named for an environment (infra/envs/dev) says where the command acts.
        if (invocation.Cwd is { } cwd && context.Cwd is { } start && cwd.StartsWith(start + "/", StringComparison.Ordinal))
        {
            Consider(cwd[(start.Length + 1)..], $"the working folder '{cwd[(start.Length + 1)..]}'");
        }

        // What the options and variables say is authoritative; the target's own name only fills a gap.
        if (best is not null)
        {
            return (best.Value, evidence);
        }

        foreach (var text in targetTexts)
        {
            Consider(text, $"the target '{text}' names it");
        }

        return (best ?? DeploymentEnvironment.Unknown, evidence);
    }

    /// <summary>The environment of a host name or URL, local hosts included.</summary>
    public static (DeploymentEnvironment Environment, string Evidence) FromHost(string host)
    {
        var env = EnvironmentInference.FromHost(host);
        return env is null
            ? (DeploymentEnvironment.Unknown, $"host '{host}' does not say which environment it is; treated as unknown")
            : (env.Value, $"host '{host}'");
    }
}
