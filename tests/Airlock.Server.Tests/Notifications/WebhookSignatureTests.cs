using System.Security.Cryptography;
using System.Text;
using Airlock.Server.Notifications;

namespace Airlock.Server.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_3f9a";
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_01","type":"approval.requested"}""");
    private static readonly TimeSpan Tolerance = WebhookSignature.RecommendedTolerance;

    [Fact]
    public void Sign_Body_IsHmacSha256OfTimestampDotBodyInLowercaseHex()
    {
        var timestamp = Now.ToUnixTimeSeconds();

        var header = WebhookSignature.Sign(Secret, timestamp, Body);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes($"{timestamp}."), .. Body]));
        Assert.Equal($"t={timestamp},v1={expected}", header);
    }

    [Fact]
    public void Verify_SignedBody_Accepts()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_TamperedBody_Rejects()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var tampered = Encoding.UTF8.GetBytes("""{"id":"evt_01","type":"approval.approved"}""");

        Assert.False(WebhookSignature.Verify(Secret, header, tampered, Now, Tolerance));
    }

    [Fact]
    public void Verify_WrongSecret_Rejects()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify("whsec_someone_else", header, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Verify_TimestampOutsideTolerance_RejectsAsReplay(int offsetSeconds)
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds() + offsetSeconds, Body);

        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtTheEdgeOfTolerance_Accepts(int offsetSeconds)
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds() + offsetSeconds, Body);

        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_Rejects()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var header = WebhookSignature.Sign(Secret, timestamp - 600, Body).Replace($"t={timestamp - 600}", $"t={timestamp}", StringComparison.Ordinal);

        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData(",,,")]
    [InlineData("t=")]
    [InlineData("v1=")]
    [InlineData("t=,v1=")]
    [InlineData("t=abc,v1={sig}")]
    [InlineData("t=+{t},v1={sig}")]
    [InlineData("t=-1,v1={sig}")]
    [InlineData("t=99999999999999999999999,v1={sig}")]
    [InlineData("v1={sig}")]
    [InlineData("t={t}")]
    [InlineData("t={t},v1=")]
    [InlineData("t={t},v1=zz")]
    [InlineData("t={t},v1={sig}00")]
    [InlineData("t={t},v1={sig-short}")]
    [InlineData("t={t},v1={sig-nonhex}")]
    [InlineData("t={t},t={t},v1={sig}")]
    [InlineData("t={t};v1={sig}")]
    [InlineData("T={t},V1={sig}")]
    [InlineData("t={t},v1 = {sig}")]
    public void Verify_MalformedHeader_RejectsWithoutThrowing(string? template)
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Secret, timestamp, Body).Split(",v1=")[1];
        var header = template?
            .Replace("{t}", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{sig-short}", signature[..62], StringComparison.Ordinal)
            .Replace("{sig-nonhex}", "g" + signature[1..], StringComparison.Ordinal)
            .Replace("{sig}", signature, StringComparison.Ordinal);

        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_HugeHeader_RejectsWithoutThrowing()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body) + string.Concat(Enumerable.Repeat(",v1=00", 5_000));

        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_TwoSignaturesDuringSecretRotation_AcceptsEitherSecret()
    {
        const string OldSecret = "whsec_old";
        const string NewSecret = "whsec_new";
        var timestamp = Now.ToUnixTimeSeconds();
        var oldSignature = WebhookSignature.Sign(OldSecret, timestamp, Body).Split(",v1=")[1];
        var newSignature = WebhookSignature.Sign(NewSecret, timestamp, Body).Split(",v1=")[1];
        var header = $"t={timestamp},v1={oldSignature},v1={newSignature}";

        Assert.True(WebhookSignature.Verify(OldSecret, header, Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify(NewSecret, header, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify("whsec_other", header, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_UnknownSchemesAndSpaces_AreIgnored()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Secret, timestamp, Body).Split(",v1=")[1];
        var header = $"v0=deadbeef, t={timestamp}, v2=whatever, v1={signature}";

        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void Verify_EmptyBody_IsSignedLikeAnyOther()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), []);

        Assert.True(WebhookSignature.Verify(Secret, header, [], Now, Tolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }
}
