using System.Globalization;
using Airlock.Catalog;
using Airlock.Configuration;
using Airlock.Model;

namespace Airlock.Policy;

/// <summary>
/// Reads a policy file. Every error is collected with its line and reported at once; a policy with
/// any error is not used. A policy extends the built-in one unless it says <c>extends: none</c>.
/// </summary>
public static class PolicyLoader
{
    public const string BuiltInSource = "built-in";

    /// <summary>The built-in default policy: the product's opinion, good with no configuration.</summary>
    public static AirlockPolicy BuiltIn => LazyBuiltIn.Value;

    private static readonly Lazy<AirlockPolicy> LazyBuiltIn = new(() => Parse(ReadResource("default-policy.yaml"), BuiltInSource, baseline: null));

    public static AirlockPolicy LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigError(path, 0, $"cannot read the policy file: {e.Message}")]);
        }

        return Parse(text, path, BuiltIn);
    }

    /// <summary>Parses policy YAML; <paramref name="baseline"/> is what it extends (null: the built-in file itself).</summary>
    public static AirlockPolicy Parse(string yaml, string source, AirlockPolicy? baseline)
    {
        var errors = new ConfigErrors(source);
        var root = YamlMap.From(YamlParser.Parse(yaml, source), errors, "the policy");
        if (root is null)
        {
            throw new ConfigException([new ConfigError(source, 1, "the policy is empty; it must be a mapping with at least 'version: 1'")]);
        }

        var policy = Read(root, errors, source, baseline);
        if (errors.Any)
        {
            throw new ConfigException(errors.All);
        }

        // The hash covers the text and what it extends: the audit log records which policy decided.
        // A policy that extends none stands alone: the built-in text is not part of what decides.
        var inherited = root.String("extends") == "none" ? [] : baseline?.Documents ?? [];
        return policy with { Documents = [.. inherited, new PolicyDocument(source, yaml)], ContentHash = new Lazy<string>(() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(yaml + "\n" + baseline?.ContentSha256)))) };
    }

    private static AirlockPolicy Read(YamlMap root, ConfigErrors errors, string source, AirlockPolicy? baseline)
    {
        var version = root.String("version");
        if (version != "1")
        {
            errors.Add(root.Line, version is null ? "the policy needs 'version: 1'" : $"unsupported policy version '{version}'; this Airlock reads version 1");
        }

        var extends = root.String("extends") ?? "built-in";
        if (extends is not ("built-in" or "none"))
        {
            errors.Add(root.Line, $"'extends' is '{extends}'; expected built-in or none");
        }

        var parent = extends == "none" ? null : baseline;
        var approvalDefaults = ReadApprovalDefaults(YamlMap.From(root.Node("approvals"), errors, "'approvals'"), errors, parent?.ApprovalDefaults ?? ApprovalRequirement.Default);
        var rules = new List<PolicyRule>();
        rules.AddRange(root.Maps("exceptions").Select(m => ReadRule(m, errors, source, Outcome.Allow)));
        rules.AddRange(root.Maps("rules").Select(m => ReadRule(m, errors, source, null)));
        rules.AddRange(Sugar(root, "blocked_tools", errors, source, Outcome.Deny, (rule, glob) => rule with { Tools = [glob] }));
        rules.AddRange(Sugar(root, "require_approval_for", errors, source, Outcome.Approve, (rule, glob) => rule with { Kinds = [glob] }));
        var tiers = root.Maps("tiers").Select(m => ReadRule(m, errors, source, null)).ToList();
        var protectedTargets = ReadProtected(YamlMap.From(root.Node("protected"), errors, "'protected'"));
        var freezes = root.Maps("freezes").Select(m => ReadFreeze(m, errors)).OfType<Freeze>().ToList();
        var catalogMap = YamlMap.From(root.Node("catalog"), errors, "'catalog'");
        var baseCatalog = parent?.Catalog ?? ToolCatalog.BuiltIn;
        var catalog = catalogMap is null ? baseCatalog : CatalogLoader.Read(catalogMap, errors, baseCatalog);
        root.RejectUnknownKeys("the policy");

        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(duplicate.Last().Line, $"the rule id '{duplicate.Key}' is used more than once");
        }

        return new AirlockPolicy
        {
            Source = source,
            Rules = [.. rules, .. parent?.Rules ?? []],
            Tiers = tiers.Count > 0 ? tiers : parent?.Tiers ?? [],
            Protected = new ProtectedTargets
            {
                Branches = [.. protectedTargets.Branches, .. parent?.Protected.Branches ?? []],
                Production = [.. protectedTargets.Production, .. parent?.Protected.Production ?? []],
            },
            Freezes = [.. freezes, .. parent?.Freezes ?? []],
            Catalog = catalog,
            ApprovalDefaults = approvalDefaults,
        };
    }

    private static IEnumerable<PolicyRule> Sugar(YamlMap root, string key, ConfigErrors errors, string source, Outcome outcome, Func<PolicyRule, string, PolicyRule> shape)
    {
        var node = root.Node(key);
        if (node is null)
        {
            return [];
        }

        var line = node.Line;
        return YamlMap.Strings(node, key, errors).Select(glob => shape(new PolicyRule { Id = $"{key}:{glob}", Outcome = outcome, ReasonCode = ReasonCodes.PolicyRule, Line = line, Source = source }, glob)).ToList();
    }

    private static PolicyRule ReadRule(YamlMap map, ConfigErrors errors, string source, Outcome? fixedOutcome)
    {
        var id = map.String("id");
        var outcome = map.Enum<Outcome>("outcome");
        if (id is null)
        {
            errors.Add(map.Line, "a rule needs an 'id'");
        }

        if (outcome is null && fixedOutcome is null)
        {
            errors.Add(map.Line, $"the rule '{id}' needs an 'outcome' (allow, ask, approve or deny)");
        }

        var rule = new PolicyRule
        {
            Id = id ?? $"line-{map.Line}",
            Outcome = outcome ?? fixedOutcome ?? Outcome.Deny,
            ReasonCode = map.String("reason_code"),
            Message = map.String("message"),
            Kinds = map.List("kind"),
            Verbs = Enums<Verb>(map, "verb", errors),
            Tools = map.List("tool"),
            Programs = map.List("program"),
            Targets = map.List("target"),
            Commands = map.List("command"),
            Environments = Enums<DeploymentEnvironment>(map, "environment", errors),
            Radii = Enums<BlastRadius>(map, "radius", errors),
            Reversibility = map.Enum<Reversibility>("reversibility"),
            Protected = map.String("protected") is null ? null : map.Bool("protected"),
            Line = map.Line,
            Source = source,
        };
        var approval = ReadApproval(map, errors);
        if (!approval.IsEmpty && rule.Outcome != Outcome.Approve)
        {
            errors.Add(map.Line, $"the rule '{id}' sets approval requirements but its outcome is {EnumNames.Of(rule.Outcome)}, not approve");
        }

        map.RejectUnknownKeys($"the rule '{id}'");
        return rule with { Approval = approval.IsEmpty ? null : approval };
    }

    /// <summary>The top-level <c>approvals:</c> block: what every approve outcome asks unless its rule says otherwise.</summary>
    private static ApprovalRequirement ReadApprovalDefaults(YamlMap? map, ConfigErrors errors, ApprovalRequirement inherited)
    {
        if (map is null)
        {
            return inherited;
        }

        var defaults = ReadApproval(map, errors).ApplyTo(inherited);
        map.RejectUnknownKeys("'approvals'");
        return defaults;
    }

    private static ApprovalOverrides ReadApproval(YamlMap map, ConfigErrors errors)
    {
        int? approvers = map.String("approvers") is null ? null : map.Int("approvers", 1);
        if (approvers is < 1 or > 10)
        {
            errors.Add(map.Line, $"'approvers' is {approvers}; it must be between 1 and 10");
        }

        var confirm = map.String("confirm");
        if (confirm is not (null or "target" or "none"))
        {
            errors.Add(map.Line, $"'confirm' is '{confirm}'; expected target (the approver types the target's name) or none");
        }

        var overrides = new ApprovalOverrides
        {
            Approvers = approvers is null ? null : Math.Clamp(approvers.Value, 1, 10),
            ConfirmTarget = confirm is null ? null : confirm == "target",
            CoolingOff = map.Duration("cooling_off"),
            Expires = map.Duration("expires"),
            GrantTtl = map.Duration("grant_ttl"),
        };
        if (overrides.Expires <= TimeSpan.Zero || overrides.GrantTtl <= TimeSpan.Zero)
        {
            errors.Add(map.Line, "'expires' and 'grant_ttl' must be longer than zero");
        }

        return overrides;
    }

    private static List<T> Enums<T>(YamlMap map, string key, ConfigErrors errors) where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var text in map.List(key))
        {
            if (EnumNames.TryParse<T>(text, out var value))
            {
                values.Add(value);
            }
            else
            {
                errors.Add(map.Line, $"'{key}' has '{text}'; expected one of {string.Join(", ", EnumNames.All<T>())}");
            }
        }

        return values;
    }

    private static ProtectedTargets ReadProtected(YamlMap? map)
    {
        if (map is null)
        {
            return new ProtectedTargets();
        }

        var targets = new ProtectedTargets { Branches = map.List("branches"), Production = [.. map.List("production"), .. map.List("hosts"), .. map.List("contexts"), .. map.List("profiles")] };
        map.RejectUnknownKeys("'protected'");
        return targets;
    }

    private static Freeze? ReadFreeze(YamlMap map, ConfigErrors errors)
    {
        var from = Date(map, "from", errors);
        var until = Date(map, "until", errors);
        var outcome = map.Enum<Outcome>("outcome") ?? Outcome.Approve;
        var reason = map.String("reason") ?? "change freeze";
        map.RejectUnknownKeys("a freeze");
        if (from is null || until is null)
        {
            return null;
        }

        if (until <= from)
        {
            errors.Add(map.Line, "a freeze must end after it starts");
        }

        return new Freeze(from.Value, until.Value, outcome, reason);
    }

    private static DateTimeOffset? Date(YamlMap map, string key, ConfigErrors errors)
    {
        var text = map.String(key);
        if (text is null)
        {
            errors.Add(map.Line, $"a freeze needs '{key}'");
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors.Add(map.Line, $"'{key}' is not a date: '{text}'");
        return null;
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("Airlock.Policy." + name)
            ?? throw new InvalidOperationException($"The embedded policy '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
