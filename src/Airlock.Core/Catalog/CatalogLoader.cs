using Airlock.Configuration;
using Airlock.Model;

namespace Airlock.Catalog;

/// <summary>Turns the catalog's YAML (built-in, or the <c>catalog:</c> section of a policy) into entries.</summary>
internal static class CatalogLoader
{
    public static ToolCatalog Read(YamlMap root, ConfigErrors errors, ToolCatalog? baseCatalog)
    {
        var tools = root.Maps("tools").Select(t => ReadTool(t, errors)).OfType<ToolEntry>().ToList();
        var credentialPaths = root.List("credential_paths");
        var scratch = root.List("scratch_names");
        var protectedPaths = root.List("protected_paths");
        root.RejectUnknownKeys("the catalog");
        foreach (var duplicate in tools.SelectMany(t => t.Names).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(root.Line, $"the tool name '{duplicate.Key}' is defined more than once");
        }

        return baseCatalog is null
            ? new ToolCatalog(tools, credentialPaths, scratch, protectedPaths)
            : baseCatalog.Extend(tools, credentialPaths, scratch, protectedPaths);
    }

    private static ToolEntry? ReadTool(YamlMap map, ConfigErrors errors)
    {
        var names = map.List("names");
        if (names.Count == 0)
        {
            errors.Add(map.Line, "a tool needs 'names'");
        }

        var handler = map.String("handler");
        if (handler is not null && !Handlers.Contains(handler))
        {
            errors.Add(map.Line, $"unknown handler '{handler}'; expected one of {string.Join(", ", Handlers)}");
        }

        var wrapper = YamlMap.From(map.Node("wrapper"), errors, "'wrapper'") is { } w ? ReadWrapper(w) : null;
        var tool = new ToolEntry
        {
            Names = names,
            Handler = handler,
            Scope = map.Enum<ToolScope>("scope") ?? ToolScope.Local,
            // Options that name the environment or carry the command to run always take a value.
            ValueOptions = new HashSet<string>(map.List("value_options").Concat(map.List("environment_options")).Concat(wrapper?.CommandOption is { } option ? [option] : []), StringComparer.Ordinal),
            EnvironmentOptions = map.List("environment_options"),
            EnvironmentVariables = map.List("environment_variables"),
            Default = YamlMap.From(map.Node("default"), errors, "'default'") is { } d ? ReadRule(d, errors) : null,
            Rules = map.Maps("rules").Select(r => ReadRule(r, errors)).ToList(),
            Wrapper = wrapper,
            Database = YamlMap.From(map.Node("database"), errors, "'database'") is { } db ? ReadDatabase(db) : null,
        };
        map.RejectUnknownKeys($"tool '{names.FirstOrDefault()}'");
        return tool;
    }

    private static readonly string[] Handlers = ["files", "find", "git", "database", "http", "shell", "eval", "wrapper", "xargs", "ssh", "interpreter", "env-dump", "network", "copy", "search", "source", "container"];

    private static CatalogRule ReadRule(YamlMap map, ConfigErrors errors)
    {
        var kind = map.String("kind");
        if (string.IsNullOrEmpty(kind))
        {
            errors.Add(map.Line, "a rule needs a 'kind'");
        }

        var rule = new CatalogRule
        {
            Command = map.List("command"),
            AnyFlag = map.List("any_flag"),
            NoFlag = map.List("no_flag"),
            AllFlags = map.List("all_flags"),
            AnyValue = map.List("any_value"),
            FirstArg = map.List("first_arg"),
            LastArg = map.List("last_arg"),
            SendsFiles = map.Bool("sends_files"),
            SqlOptions = map.List("sql_options"),
            Environment = map.Enum<DeploymentEnvironment>("environment"),
            NoValue = map.List("no_value"),
            AnyArg = map.List("any_arg"),
            Kind = kind ?? "",
            Verb = map.Enum<Verb>("verb") ?? Verb.Execute,
            Reversibility = map.Enum<Reversibility>("reversibility") ?? Reversibility.Reversible,
            Radius = map.Enum<BlastRadius>("radius"),
            Scope = map.Enum<ToolScope>("scope"),
            Line = map.Line,
        };
        map.RejectUnknownKeys($"rule '{kind}'");
        return rule;
    }

    private static WrapperSpec ReadWrapper(YamlMap map)
    {
        var wrapper = new WrapperSpec
        {
            SkipPositionals = map.Int("skip_positionals"),
            After = map.String("after"),
            Command = map.List("command"),
            JoinAsShell = map.Bool("join_as_shell"),
            EnvironmentFromFirstPositional = map.Bool("environment_from_first_positional"),
            Assignments = map.Bool("assignments"),
            Remote = map.Bool("remote"),
            CommandOption = map.String("command_option"),
            CommandModules = map.List("command_modules"),
        };
        map.RejectUnknownKeys("a wrapper");
        return wrapper;
    }

    private static DatabaseClientSpec ReadDatabase(YamlMap map)
    {
        var database = new DatabaseClientSpec
        {
            Language = map.String("language") ?? "sql",
            QueryOptions = map.List("query_options"),
            FileOptions = map.List("file_options"),
            HostOptions = map.List("host_options"),
            HostVariables = map.List("host_variables"),
            PositionalQuery = map.Bool("positional_query"),
            LocalFile = map.Bool("local_file"),
            RestoreOptions = map.List("restore_options"),
        };
        map.RejectUnknownKeys("a database client");
        return database;
    }
}
