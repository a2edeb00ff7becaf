using System.Collections.Concurrent;
using System.Security.Cryptography;
using Airlock.Server.Auth;

namespace Airlock.Server.Dashboard;

/// <summary>
/// The dashboard's sign-in sessions. The browser holds a random session id in an HttpOnly cookie;
/// the gateway keeps only its SHA-256, the hash of the token that signed in, and the session's CSRF
/// token. Every request checks the token again, so revoking it (or its expiry) ends the session.
/// Sessions live in memory: restarting the gateway signs everyone out, which fails closed.
/// </summary>
internal sealed class DashboardSessions(TimeProvider time)
{
    public const string CookieName = "airlock_session";
    public const string CsrfHeader = "X-Airlock-CSRF";

    /// <summary>Signed out after this long without a request (the page polls nothing; the event stream counts).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);

    /// <summary>Signed out after this long whatever happens: an approver signs in again at least once a shift.</summary>
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(12);

    private const int MaxSessions = 10_000;
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for a signed-in principal; returns the cookie value and the CSRF token.</summary>
    public (string SessionId, string Csrf) Start(string tokenHash)
    {
        var now = time.GetUtcNow();
        if (_sessions.Count >= MaxSessions)
        {
            Sweep(now);
        }

        var id = TokenSecrets.Base64Url(RandomNumberGenerator.GetBytes(32));
        var csrf = TokenSecrets.Base64Url(RandomNumberGenerator.GetBytes(32));
        _sessions[Key(id)] = new Session(tokenHash, csrf, now, now);
        return (id, csrf);
    }

    /// <summary>The live session behind a cookie value, touched; null when unknown or past a limit.</summary>
    public Session? Find(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 100)
        {
            return null;
        }

        var key = Key(sessionId);
        var now = time.GetUtcNow();
        if (!_sessions.TryGetValue(key, out var session))
        {
            return null;
        }

        if (session.IsOver(now))
        {
            _sessions.TryRemove(key, out _);
            return null;
        }

        var touched = session with { LastSeen = now };
        _sessions.TryUpdate(key, touched, session);
        return touched;
    }

    public void End(string? sessionId)
    {
        if (!string.IsNullOrEmpty(sessionId))
        {
            _sessions.TryRemove(Key(sessionId), out _);
        }
    }

    /// <summary>Compares in constant time: the CSRF token is a secret the page proves it can read.</summary>
    public static bool CsrfMatches(Session session, string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(session.Csrf), System.Text.Encoding.UTF8.GetBytes(presented));

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.IsOver(now))
            {
                _sessions.TryRemove(key, out _);
            }
        }

        if (_sessions.Count >= MaxSessions)
        {
            // Still full of live sessions: the oldest go first rather than refusing every new sign-in.
            foreach (var (key, _) in _sessions.OrderBy(s => s.Value.LastSeen).Take(MaxSessions / 10))
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string sessionId) => TokenSecrets.Hash(sessionId);

    internal sealed record Session(string TokenHash, string Csrf, DateTimeOffset CreatedAt, DateTimeOffset LastSeen)
    {
        public bool IsOver(DateTimeOffset now) => now - LastSeen >= IdleLimit || now - CreatedAt >= AbsoluteLimit;
    }
}
