using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

public sealed class WebhookOptionsTests
{
    private static readonly WebhookOptions Valid = new()
    {
        Name = "ops",
        Url = new Uri("https://hooks.slack.com/services/T0SECRET/B0SECRET/PATHSECRET"),
        Secret = "whsec_abc",
    };

    [Fact]
    public void New_OptionalFieldsUnset_HasTheDocumentedDefaults()
    {
        Assert.Equal("airlock", Valid.Format);
        Assert.Empty(Valid.Events);
        Assert.Equal(6, Valid.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), Valid.FirstRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), Valid.AttemptTimeout);
        Assert.Empty(Valid.Validate());
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryProblemWithoutEchoingTheUrl()
    {
        var options = Valid with
        {
            Name = " ",
            Url = new Uri("ftp://files.example.com/PATHSECRET"),
            Secret = "",
            Format = "teams",
            Events = ["approval.requested", "approval.aproved"],
            MaxAttempts = 0,
            FirstRetryDelay = TimeSpan.Zero,
            AttemptTimeout = TimeSpan.FromSeconds(-1),
        };

        var errors = options.Validate();

        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, error => error.Contains("'approval.aproved'", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, error => error.Contains("PATHSECRET", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("Slack")]
    [InlineData("AIRLOCK")]
    public void Validate_FormatInAnyCase_IsAccepted(string format)
    {
        Assert.Empty((Valid with { Format = format }).Validate());
    }

    [Fact]
    public void Validate_RelativeUrl_IsRejected()
    {
        Assert.Single((Valid with { Url = new Uri("/hooks", UriKind.Relative) }).Validate());
    }

    [Fact]
    public void Accepts_NoEvents_AcceptsEveryType()
    {
        Assert.True(Valid.Accepts("approval.requested"));
        Assert.True(Valid.Accepts("grant.consumed"));
    }

    [Fact]
    public void Accepts_ListedEvents_AcceptsOnlyThose()
    {
        var options = Valid with { Events = ["approval.approved"] };

        Assert.True(options.Accepts("approval.approved"));
        Assert.False(options.Accepts("approval.requested"));
        Assert.False(options.Accepts("APPROVAL.APPROVED"));
    }

    [Fact]
    public void ToString_NamesTheWebhookWithoutTheSecretOrThePath()
    {
        var text = Valid.ToString();

        Assert.Equal("ops (hooks.slack.com)", text);
    }
}
