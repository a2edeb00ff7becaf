namespace Airlock.Policy;

/// <summary>
/// Finds the policy in force: an explicit <c>--policy</c>, then <c>AIRLOCK_POLICY</c>, then the user's
/// config folder, then the built-in default. A policy in the agent's own working tree
/// (<c>.airlock/policy.yaml</c> in the working directory or a parent) is added on top, but only to
/// tighten: the agent can write its working tree, so that file can never loosen anything.
/// </summary>
public static class PolicySources
{
    public const string ProjectPolicyPath = ".airlock/policy.yaml";

    public static AirlockPolicy Resolve(string? explicitPath, string? cwd)
    {
        var basePolicy = LoadBase(explicitPath);
        var projectFile = FindProjectPolicy(cwd);
        if (projectFile is null)
        {
            return basePolicy;
        }

        var projectText = File.ReadAllText(projectFile);
        var project = PolicyLoader.Parse(projectText, projectFile, baseline: null);
        return basePolicy with
        {
            Documents = [.. basePolicy.Documents, new PolicyDocument(projectFile, projectText)],
            TighteningRules = [.. project.Rules.Select(r => r with { ReasonCode = r.ReasonCode ?? ReasonCodes.ProjectPolicy }), .. project.Tiers],
            Source = $"{basePolicy.Source} + {projectFile} (tightening only)",
        };
    }

    /// <summary>Where the user's own policy lives: $AIRLOCK_CONFIG_DIR, $XDG_CONFIG_HOME/airlock, or ~/.config/airlock.</summary>
    public static string UserPolicyPath()
    {
        var folder = Environment.GetEnvironmentVariable("AIRLOCK_CONFIG_DIR");
        if (string.IsNullOrEmpty(folder))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            folder = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Home(), ".config") : xdg, "airlock");
        }

        return Path.Combine(folder, "policy.yaml");
    }

    private static AirlockPolicy LoadBase(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return PolicyLoader.LoadFile(explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("AIRLOCK_POLICY");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return PolicyLoader.LoadFile(fromEnvironment);
        }

        var user = UserPolicyPath();
        return File.Exists(user) ? PolicyLoader.LoadFile(user) : PolicyLoader.BuiltIn;
    }

    private static string? FindProjectPolicy(string? cwd)
    {
        if (string.IsNullOrEmpty(cwd) || !Path.IsPathRooted(cwd))
        {
            return null;
        }

        var home = Home();
        for (var directory = new DirectoryInfo(cwd); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ProjectPolicyPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (string.Equals(directory.FullName.TrimEnd('/'), home.TrimEnd('/'), StringComparison.Ordinal))
            {
                break;
            }
        }

        return null;
    }

    private static string Home() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
