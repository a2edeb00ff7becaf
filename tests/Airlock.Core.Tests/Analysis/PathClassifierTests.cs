using Airlock.Analysis;
using Airlock.Catalog;
using Airlock.Model;

namespace Airlock.Tests.Analysis;

public sealed class PathClassifierTests
{
    private static readonly PathClassifier Paths = new(ToolCatalog.BuiltIn);

    [Theory]
    [InlineData("/", BlastRadius.Catastrophic)]
    [InlineData("~", BlastRadius.Catastrophic)]
    [InlineData("/home/dev", BlastRadius.Catastrophic)]
    [InlineData("../..", BlastRadius.Catastrophic)]
    [InlineData("/etc", BlastRadius.Catastrophic)]
    [InlineData("/dev/nvme0n1", BlastRadius.Catastrophic)]
    [InlineData("node_modules", BlastRadius.LocalScratch)]
    [InlineData("/tmp/build-123", BlastRadius.LocalScratch)]
    [InlineData("packages/web/dist", BlastRadius.LocalScratch)]
    [InlineData("src", BlastRadius.Workspace)]
    [InlineData(".", BlastRadius.Workspace)]
    [InlineData("../other-project", BlastRadius.Machine)]
    [InlineData("/var/lib/postgresql", BlastRadius.Machine)]
    public void Classify_JudgesTheBlastRadiusOfAPath(string path, BlastRadius expected)
    {
        Assert.Equal(expected, Paths.Classify(path, "/home/dev/project").Radius);
    }

    [Theory]
    [InlineData("~/.aws/credentials")]
    [InlineData("/home/someone/.ssh/id_ed25519")]
    [InlineData("/root/.kube/config")]
    [InlineData("../.netrc")]
    public void Classify_RecognizesCredentialStoresUnderAnyHome(string path)
    {
        Assert.True(Paths.Classify(path, "/home/dev/project").IsCredentialStore);
    }

    [Theory]
    [InlineData(".env", true)]
    [InlineData(".env.production", true)]
    [InlineData(".env.example", false)]
    [InlineData("config/app.env", true)]
    public void Classify_TellsSecretEnvFilesFromTemplates(string path, bool secret)
    {
        Assert.Equal(secret, Paths.Classify(path, "/home/dev/project").IsSecretFile);
    }
}
