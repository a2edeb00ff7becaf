using System.Text.RegularExpressions;

namespace Airlock.Cli.Tests;

/// <summary>The README's policy examples are real: they validate, and their test cases pass.</summary>
public sealed partial class ReadmeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"airlock-readme-{Guid.NewGuid():N}");

    public ReadmeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Readme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(path) && File.Exists(Path.Combine(directory.FullName, "Airlock.slnx")))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("README.md next to Airlock.slnx");
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [Fact]
    public void ReadmePolicyExample_ValidatesAndItsTestCasesPass()
    {
        var blocks = YamlBlock().Matches(Readme()).Select(m => m.Groups[1].Value).ToList();
        var policy = Path.Combine(_folder, "policy.yaml");
        File.WriteAllText(policy, blocks.Single(b => b.StartsWith("version: 1", StringComparison.Ordinal)));
        File.WriteAllText(Path.Combine(_folder, "policy_test.yaml"), blocks.Single(b => b.StartsWith("policy:", StringComparison.Ordinal)));

        Assert.Equal(0, AirlockProcess.Run(["policy", "validate", policy]).ExitCode);
        var tests = AirlockProcess.Run(["policy", "test", Path.Combine(_folder, "policy_test.yaml")]);
        Assert.Equal(0, tests.ExitCode);
        Assert.Contains("0 failed", tests.Stdout, StringComparison.Ordinal);

        var extended = AirlockProcess.Run(["check", "--policy", policy, "--json", "--", "acmectl", "purge", "--env", "prod"]);
        Assert.Equal(4, extended.ExitCode);
        Assert.Contains("acme.purge", extended.Stdout, StringComparison.Ordinal);
    }
}
