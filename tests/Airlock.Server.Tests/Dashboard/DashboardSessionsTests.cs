using Airlock.Server.Dashboard;

namespace Airlock.Server.Tests.Dashboard;

public sealed class DashboardSessionsTests
{
    private readonly SteppedTime _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Session_EndsAfterBeingIdle_ButUseKeepsItAlive()
    {
        var sessions = new DashboardSessions(_time);
        var (id, _) = sessions.Start("hash-of-token");
        _time.Advance(DashboardSessions.IdleLimit - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Find(id));
        _time.Advance(DashboardSessions.IdleLimit - TimeSpan.FromMinutes(1));
        Assert.NotNull(sessions.Find(id));
        _time.Advance(DashboardSessions.IdleLimit);
        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void Session_EndsAtItsAbsoluteLimit_HoweverActive()
    {
        var sessions = new DashboardSessions(_time);
        var (id, _) = sessions.Start("hash-of-token");
        for (var used = TimeSpan.Zero; used < DashboardSessions.AbsoluteLimit - TimeSpan.FromMinutes(10); used += TimeSpan.FromMinutes(10))
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            Assert.NotNull(sessions.Find(id));
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void SessionIds_AndCsrfTokens_AreUnguessable_AndOnlyTheRightCsrfMatches()
    {
        var sessions = new DashboardSessions(_time);
        var (first, csrf) = sessions.Start("a");
        var (second, otherCsrf) = sessions.Start("a");
        Assert.NotEqual(first, second);
        Assert.NotEqual(csrf, otherCsrf);
        Assert.True(first.Length >= 43 && csrf.Length >= 43, "256-bit values in base64url");

        var session = sessions.Find(first)!;
        Assert.True(DashboardSessions.CsrfMatches(session, csrf));
        Assert.False(DashboardSessions.CsrfMatches(session, otherCsrf));
        Assert.False(DashboardSessions.CsrfMatches(session, ""));
        Assert.False(DashboardSessions.CsrfMatches(session, null));
        Assert.False(DashboardSessions.CsrfMatches(session, csrf[..^1]));
    }

    [Fact]
    public void EndedOrUnknownSession_IsNotFound()
    {
        var sessions = new DashboardSessions(_time);
        var (id, _) = sessions.Start("a");
        sessions.End(id);
        Assert.Null(sessions.Find(id));
        Assert.Null(sessions.Find("made-up"));
        Assert.Null(sessions.Find(null));
        Assert.Null(sessions.Find(new string('x', 5000)));
    }

    private sealed class SteppedTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
