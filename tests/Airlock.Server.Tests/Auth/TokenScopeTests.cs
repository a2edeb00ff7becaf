using Airlock.Model;
using Airlock.Policy;
using Airlock.Server.Auth;

namespace Airlock.Server.Tests.Auth;

public sealed class TokenScopeTests
{
    private static Decision Touching(DeploymentEnvironment environment, BlastRadius radius = BlastRadius.Remote) => new()
    {
        Outcome = Outcome.Allow,
        ReasonCode = ReasonCodes.LowRisk,
        Rule = "test",
        AgentMessage = "",
        HumanMessage = "",
        Operations = [new OperationDecision(new Operation { Kind = "k8s.delete", Verb = Verb.Delete, Environment = environment, BlastRadius = radius, Target = "deploy/api" }, Outcome.Allow, ReasonCodes.LowRisk, "test")],
    };

    [Theory]
    [InlineData("env:production")]
    [InlineData("tool")]
    [InlineData("tool:")]
    [InlineData("environment:dev")]
    [InlineData("dev")]
    public void Parse_MalformedEntry_IsRejectedWithTheEntry(string entry)
    {
        var error = Assert.Throws<FormatException>(() => TokenScope.Parse(["env:dev", entry]));
        Assert.Contains(entry, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentScope_RemoteOperationElsewhere_IsRefused()
    {
        var scope = TokenScope.Parse(["env:dev", "env:staging"]);
        Assert.Null(scope.Refusal("Bash", Touching(DeploymentEnvironment.Staging)));
        Assert.NotNull(scope.Refusal("Bash", Touching(DeploymentEnvironment.Prod)));
        Assert.NotNull(scope.Refusal("Bash", Touching(DeploymentEnvironment.Unknown)));
        Assert.Null(scope.Refusal("Bash", Touching(DeploymentEnvironment.Local, BlastRadius.Workspace)));
    }

    [Fact]
    public void ToolScope_MatchesGlobsOnTheToolName()
    {
        var scope = TokenScope.Parse(["tool:Bash", "tool:mcp__github__*"]);
        Assert.Null(scope.Refusal("mcp__github__create_issue", Touching(DeploymentEnvironment.Dev)));
        Assert.NotNull(scope.Refusal("mcp__db__execute_sql", Touching(DeploymentEnvironment.Dev)));
    }
}
