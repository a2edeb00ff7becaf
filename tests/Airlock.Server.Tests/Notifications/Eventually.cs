namespace Airlock.Server.Tests.Notifications;

/// <summary>Waits for a condition that another thread makes true, failing with a clear message after a limit.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public static async Task Until(Func<bool> condition, string what)
    {
        using var timer = new PeriodicTimer(Poll);
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Limit.TotalSeconds} s for {what}.");
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
