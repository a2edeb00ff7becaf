using Airlock.Configuration;

namespace Airlock.Catalog;

/// <summary>The tools Airlock knows, by every name they are called by, and the paths it treats specially.</summary>
internal sealed class ToolCatalog
{
    private readonly Dictionary<string, ToolEntry> _byName;
    private readonly LazyToolBlocks? _lazy;

    public ToolCatalog(IEnumerable<ToolEntry> tools, IReadOnlyList<string> credentialPaths, IReadOnlyList<string> scratchNames, IReadOnlyList<string> protectedPaths, LazyToolBlocks? lazy = null)
    {
        _lazy = lazy;
        _byName = new Dictionary<string, ToolEntry>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            foreach (var name in tool.Names)
            {
                // Later entries win: a policy's catalog extension overrides the built-in entry of the same name.
                _byName[name] = tool;
            }
        }

        CredentialPaths = credentialPaths;
        ScratchNames = new HashSet<string>(scratchNames, StringComparer.Ordinal);
        ScratchGlobs = scratchNames.Where(n => n.AsSpan().IndexOfAny("*?[") >= 0).ToArray();
        ProtectedPaths = protectedPaths;
        CredentialPatterns = new Analysis.PathPatterns(credentialPaths);
        ProtectedPatterns = new Analysis.PathPatterns(protectedPaths);
    }

    /// <summary>The credential paths, compiled for matching.</summary>
    internal Analysis.PathPatterns CredentialPatterns { get; }

    internal Analysis.PathPatterns ProtectedPatterns { get; }

    /// <summary>The scratch names that are globs (<c>*.pyc</c>).</summary>
    public IReadOnlyList<string> ScratchGlobs { get; }

    /// <summary>Path globs of credential stores (<c>~/.aws/credentials</c>, <c>**/.pgpass</c>).</summary>
    public IReadOnlyList<string> CredentialPaths { get; }

    /// <summary>Path globs Airlock itself depends on: the agents' hook settings and its own configuration.</summary>
    public IReadOnlyList<string> ProtectedPaths { get; }

    /// <summary>Folder names whose contents are throw-away (node_modules, dist, target).</summary>
    public IReadOnlySet<string> ScratchNames { get; }

    /// <summary>The tool a command names: an entry added by a policy first, then the built-in one.</summary>
    public ToolEntry? Find(string name) => _byName.GetValueOrDefault(name) ?? _lazy?.Find(name);

    /// <summary>The entries defined in this catalog's own text (not the lazily parsed built-in ones).</summary>
    internal IEnumerable<ToolEntry> LocalEntries => _byName.Values.Distinct();

    /// <summary>Every name the catalog knows.</summary>
    internal IEnumerable<string> Names => _byName.Keys.Concat(_lazy?.Names ?? []).Distinct(StringComparer.Ordinal);

    /// <summary>The built-in catalog, loaded once from the embedded resource; tool entries are parsed when first named.</summary>
    public static ToolCatalog BuiltIn => LazyBuiltIn.Value;

    private static readonly Lazy<ToolCatalog> LazyBuiltIn = new(() => LoadLazily(BuiltInText, "built-in catalog"));

    /// <summary>The built-in catalog's text, for the tests that parse and validate all of it.</summary>
    internal static string BuiltInText => ReadResource("tools.yaml");

    private static ToolCatalog LoadLazily(string yaml, string source)
    {
        var (blocks, header) = LazyToolBlocks.Index(yaml, source);
        var paths = Load(header, source);
        return new ToolCatalog([], paths.CredentialPaths, [.. paths.ScratchNames], paths.ProtectedPaths, blocks);
    }

    public static ToolCatalog Load(string yaml, string source)
    {
        var errors = new ConfigErrors(source);
        var root = YamlMap.From(YamlParser.Parse(yaml, source), errors, "the catalog");
        var catalog = root is null ? new ToolCatalog([], [], [], []) : CatalogLoader.Read(root, errors, baseCatalog: null);
        if (errors.Any)
        {
            throw new ConfigException(errors.All);
        }

        return catalog;
    }

    /// <summary>This catalog with the tools and paths of <paramref name="extension"/> added on top.</summary>
    public ToolCatalog Extend(IReadOnlyList<ToolEntry> tools, IReadOnlyList<string> credentialPaths, IReadOnlyList<string> scratchNames, IReadOnlyList<string> protectedPaths) =>
        new([.. _byName.Values.Distinct(), .. tools], [.. CredentialPaths, .. credentialPaths], [.. ScratchNames, .. scratchNames], [.. ProtectedPaths, .. protectedPaths], _lazy);

    private static string ReadResource(string name)
    {
        using var stream = typeof(ToolCatalog).Assembly.GetManifestResourceStream("Airlock.Catalog." + name)
            ?? throw new InvalidOperationException($"The embedded catalog '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
