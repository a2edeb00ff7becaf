using Airlock.Server.Approvals;
using Airlock.Server.Logging;
using Airlock.Server.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Hosting;

/// <summary>
/// Marks expired requests and grants (reads already treat them as expired; this makes the stored
/// state and the notifications say so) and removes idempotency keys past their retention.
/// </summary>
internal sealed class ExpirySweeper(ApprovalService approvals, IGatewayStore store, GatewayOptions options, TimeProvider time, ILogger<ExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        do
        {
            try
            {
                var expired = await approvals.ExpireAsync(stoppingToken).ConfigureAwait(false);
                if (expired > 0)
                {
                    GatewayLog.Expired(logger, expired);
                }

                var cutoff = time.GetUtcNow() - options.IdempotencyRetention;
                await store.WriteAsync(tx => tx.PurgeIdempotency(cutoff), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sweep is retried next tick; reads enforce expiry regardless.
            catch (Exception e)
#pragma warning restore CA1031
            {
                GatewayLog.SweepFailed(logger, e.GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
