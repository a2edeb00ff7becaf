using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;

namespace Airlock.Tests.Policy;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void BuiltIn_LoadsWithRulesAndTiers()
    {
        var policy = PolicyLoader.BuiltIn;
        Assert.NotEmpty(policy.Rules);
        Assert.NotEmpty(policy.Tiers);
        Assert.Contains("main", policy.Protected.Branches);
    }

    [Fact]
    public void Documents_AreTheTextsThatDecide_BuiltInFirst_UnlessThePolicyExtendsNone()
    {
        const string Extending = "version: 1\nblocked_tools: [WebFetch]\n";
        var extending = PolicyLoader.Parse(Extending, "team.yaml", PolicyLoader.BuiltIn);
        Assert.Equal(["built-in", "team.yaml"], extending.Documents.Select(d => d.Source));
        Assert.Equal(Extending, extending.Documents[1].Text);
        Assert.Contains("version: 1", extending.Documents[0].Text, StringComparison.Ordinal);

        var alone = PolicyLoader.Parse("version: 1\nextends: none\n", "alone.yaml", PolicyLoader.BuiltIn);
        Assert.Equal(["alone.yaml"], alone.Documents.Select(d => d.Source));
    }

    [Fact]
    public void Parse_CollectsEveryErrorWithItsLine()
    {
        var yaml = "version: 2\nrules:\n  - id: a\n    outcome: maybe\n  - id: a\n    outcome: deny\n    radius: [huge]\nextra: 1\n";
        var error = Assert.Throws<ConfigException>(() => PolicyLoader.Parse(yaml, "p.yaml", PolicyLoader.BuiltIn));
        Assert.Contains(error.Errors, e => e.Line == 1 && e.Message.Contains("version", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Line == 4 && e.Message.Contains("maybe", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("huge", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("'extra'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MalformedYaml_IsAConfigErrorNotACrash()
    {
        var error = Assert.Throws<ConfigException>(() => PolicyLoader.Parse("version: 1\nrules: [ {", "p.yaml", PolicyLoader.BuiltIn));
        Assert.Single(error.Errors);
    }

    [Fact]
    public void UserRules_AreTriedBeforeTheBuiltInOnes()
    {
        var policy = PolicyLoader.Parse("version: 1\nrules:\n  - { id: never-terraform, program: [terraform], outcome: deny }\n", "p.yaml", PolicyLoader.BuiltIn);
        var decision = new PolicyEngine(policy).Decide(ActionRequest.ForShell("terraform plan"));
        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.StartsWith("never-terraform", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionTargets_MakeAnOrdinaryNameProduction()
    {
        var policy = PolicyLoader.Parse("version: 1\nprotected:\n  production: [\"*blue-cluster*\"]\n", "p.yaml", PolicyLoader.BuiltIn);
        var decision = new PolicyEngine(policy).Decide(ActionRequest.ForShell("kubectl --context blue-cluster delete pod api-1"));
        Assert.Equal(Outcome.Approve, decision.Outcome);
    }

    [Fact]
    public void Freeze_RaisesRemoteChangesToApproval()
    {
        var policy = PolicyLoader.Parse("version: 1\nfreezes:\n  - { from: 2026-01-01, until: 2026-01-10, outcome: approve, reason: freeze }\n", "p.yaml", PolicyLoader.BuiltIn);
        var during = new FixedTime(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var after = new FixedTime(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var request = ActionRequest.ForShell("kubectl --context staging apply -f app.yaml");
        Assert.Equal(Outcome.Approve, new PolicyEngine(policy, during).Decide(request).Outcome);
        Assert.Equal(Outcome.Allow, new PolicyEngine(policy, after).Decide(request).Outcome);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
