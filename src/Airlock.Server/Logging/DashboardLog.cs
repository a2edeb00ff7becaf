using Microsoft.Extensions.Logging;

namespace Airlock.Server.Logging;

/// <summary>The dashboard's log lines (ids 3300–3399): who signed in or out, never a token or a session id.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(3300, LogLevel.Information, "Dashboard sign-in by {Name} ({Role}, {Tenant})")]
    public static partial void SignedIn(ILogger logger, string name, string role, string tenant);

    [LoggerMessage(3301, LogLevel.Warning, "Dashboard sign-in refused: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string reason);

    [LoggerMessage(3302, LogLevel.Information, "Dashboard sign-out by {Name}")]
    public static partial void SignedOut(ILogger logger, string name);
}
