using Airlock.Server.Hosting;
using Airlock.Server.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Proxy;

/// <summary>Says at start which routes are served and whether each has its credential; removes kept responses past their retention.</summary>
internal sealed class ProxyMaintenance(GatewayConfig config, GatewayOptions options, ProxyCredentials credentials, ProxyIdempotency idempotency, TimeProvider time, ILogger<ProxyMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.ProxyRoutes.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(SweepInterval, time);
        var first = true;
        do
        {
            try
            {
                if (first)
                {
                    var set = await credentials.ListAsync(stoppingToken).ConfigureAwait(false);
                    foreach (var route in config.ProxyRoutes)
                    {
                        var state = route.CredentialHeader is null ? "none injected" : set.ContainsKey(route.Name) ? $"set, sent in {route.CredentialHeader}" : "NOT SET: requests are refused until an admin sets it";
                        ProxyLog.RouteReady(logger, route.Name, route.Prefix, route.Upstream.AbsoluteUri, route.Environment ?? "from the host name", state);
                    }

                    first = false;
                }

                await idempotency.PurgeAsync(time.GetUtcNow() - options.IdempotencyRetention, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Retried next tick; kept responses only grow meanwhile.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ProxyLog.SweepFailed(logger, e.GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
