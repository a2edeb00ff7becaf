using Airlock.Configuration;
using Airlock.Model;
using Airlock.Policy;

namespace Airlock.Tests.Policy;

public sealed class ApprovalRequirementTests
{
    private const string DropProd = "psql \"$PROD_DATABASE_URL\" -c \"DROP TABLE users\"";

    private static Decision Decide(string policy, string command) =>
        new PolicyEngine(PolicyLoader.Parse(policy, "test.yaml", PolicyLoader.BuiltIn)).Decide(ActionRequest.ForShell(command, "/srv/app"));

    [Fact]
    public void BuiltInPolicy_OneApproverNoConfirmationOneHour()
    {
        var approval = new PolicyEngine(PolicyLoader.BuiltIn).Decide(ActionRequest.ForShell(DropProd)).Approval!;
        Assert.Equal(ApprovalRequirement.Default, approval);
    }

    [Fact]
    public void PolicyDefaults_ApplyToTheInheritedTiers()
    {
        var approval = Decide("version: 1\napprovals:\n  approvers: 2\n  confirm: target\n  cooling_off: 5m\n  expires: 30m\n  grant_ttl: 2m\n", DropProd).Approval!;
        Assert.Equal(new ApprovalRequirement { Approvers = 2, ConfirmTarget = true, CoolingOff = TimeSpan.FromMinutes(5), Expires = TimeSpan.FromMinutes(30), GrantTtl = TimeSpan.FromMinutes(2) }, approval);
    }

    [Fact]
    public void RuleOverrides_OnlyWhatItSays()
    {
        var policy = "version: 1\napprovals:\n  approvers: 2\nrules:\n  - { id: drops, kind: [database.drop], outcome: approve, approvers: 3, cooling_off: 10m }\n";
        var approval = Decide(policy, DropProd).Approval!;
        Assert.Equal(3, approval.Approvers);
        Assert.Equal(TimeSpan.FromMinutes(10), approval.CoolingOff);
        Assert.Equal(TimeSpan.FromHours(1), approval.Expires);
    }

    [Fact]
    public void NonApproveOutcome_HasNoRequirement() =>
        Assert.Null(new PolicyEngine(PolicyLoader.BuiltIn).Decide(ActionRequest.ForShell("git status")).Approval);

    [Theory]
    [InlineData("rules:\n  - { id: r, kind: [x], outcome: deny, approvers: 2 }\n", "not approve")]
    [InlineData("approvals:\n  approvers: 0\n", "between 1 and 10")]
    [InlineData("approvals:\n  confirm: yes\n", "'confirm'")]
    [InlineData("approvals:\n  expires: soon\n", "duration")]
    [InlineData("approvals:\n  grant_ttl: 0s\n", "longer than zero")]
    [InlineData("approvals:\n  quorum: 2\n", "quorum")]
    public void InvalidApprovalSettings_AreReportedWithTheLine(string body, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => PolicyLoader.Parse("version: 1\n" + body, "test.yaml", PolicyLoader.BuiltIn));
        Assert.Contains(error.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal) && e.Line > 1);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("0s", 0)]
    public void Durations_ReadAsPeopleWriteThem(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("1w")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    public void Durations_WithoutAUnitOrMalformed_AreRejected(string text) => Assert.False(Durations.TryParse(text, out _));
}
