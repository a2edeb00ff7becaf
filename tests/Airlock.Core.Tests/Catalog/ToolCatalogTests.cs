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
