using Airlock.Policy;

namespace Airlock.Tests.Policy;

/// <summary><see cref="PolicyEngine.DeniesTool"/>: which tools the policy refuses whatever their input (what <c>mcp-proxy --hide-denied</c> hides).</summary>
public sealed class DeniesToolTests
{
    private static PolicyEngine Engine(string policy) => new(PolicyLoader.Parse(policy, "test.yaml", PolicyLoader.BuiltIn));

    [Fact]
    public void BlockedTool_IsDeniedWhateverItsInput()
    {
        var engine = Engine("version: 1\nblocked_tools: [\"mcp__*__delete*\"]\n");
        Assert.True(engine.DeniesTool("mcp__github__delete_repository"));
        Assert.False(engine.DeniesTool("mcp__github__get_issue"));
    }

    [Fact]
    public void BuiltInPolicy_DeniesNoToolByNameAlone() =>
        Assert.False(new PolicyEngine(PolicyLoader.BuiltIn).DeniesTool("mcp__filesystem__write_file"));

    [Fact]
    public void DenyRuleWithFurtherConditions_DependsOnTheInput_SoTheToolIsNotHidden() =>
        Assert.False(Engine("version: 1\nrules:\n  - { id: no-prod-writes, tool: [\"mcp__db__*\"], environment: [prod], outcome: deny }\n").DeniesTool("mcp__db__execute_sql"));

    [Fact]
    public void AnExceptionTriedFirst_CanAllowSomeCalls_SoTheToolIsNotHidden() =>
        Assert.False(Engine("version: 1\nexceptions:\n  - { id: scratch, target: [\"/tmp/*\"] }\nblocked_tools: [\"mcp__fs__move_file\"]\n").DeniesTool("mcp__fs__move_file"));

    [Fact]
    public void AnEarlierRuleForAnotherTool_DoesNotStandInTheWay() =>
        Assert.True(Engine("version: 1\nrules:\n  - { id: reads, tool: [\"mcp__fs__read*\"], outcome: allow }\n  - { id: no-moves, tool: [\"mcp__fs__move_file\"], outcome: deny }\n").DeniesTool("mcp__fs__move_file"));
}
