using Airlock.Catalog;
using Airlock.Configuration;

namespace Airlock.Tests.Catalog;

public sealed class ToolCatalogTests
{
    [Fact]
    public void BuiltIn_LoadsAndKnowsTheToolsTheIncidentsUsed()
    {
        var catalog = ToolCatalog.BuiltIn;
        foreach (var name in new[] { "curl", "psql", "drizzle-kit", "terraform", "git", "kubectl", "k", "railway", "prisma" })
        {
            Assert.NotNull(catalog.Find(name));
        }
    }

    [Fact]
    public void Load_DuplicateNamesAndUnknownHandlers_AreErrors()
    {
        var yaml = "tools:\n  - names: [a, b]\n  - names: [b]\n    handler: magic\n";
        var error = Assert.Throws<ConfigException>(() => ToolCatalog.Load(yaml, "c.yaml"));
        Assert.Contains(error.Errors, e => e.Message.Contains("'b' is defined more than once", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("magic", StringComparison.Ordinal));
    }
}

public sealed class BuiltInCatalogTests
{
    [Fact]
    public void WholeFile_ParsesAndValidates()
    {
        var eager = ToolCatalog.Load(ToolCatalog.BuiltInText, "tools.yaml");
        Assert.True(eager.LocalEntries.Count() > 100, $"{eager.LocalEntries.Count()} entries");
    }

    [Fact]
    public void LazilyParsedEntries_AreTheSameAsTheWholeFilesEntries()
    {
        var eager = ToolCatalog.Load(ToolCatalog.BuiltInText, "tools.yaml");
        var names = eager.LocalEntries.SelectMany(e => e.Names).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), ToolCatalog.BuiltIn.Names.Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            var lazy = ToolCatalog.BuiltIn.Find(name)!;
            var whole = eager.Find(name)!;
            Assert.Equal(whole.Names, lazy.Names);
            Assert.Equal(whole.Rules.Select(r => (r.Kind, r.Line)), lazy.Rules.Select(r => (r.Kind, r.Line)));
        }
    }
}
