using System.Net.Http.Headers;
using Airlock.Audit;
using Airlock.Server.Logging;
using Airlock.Server.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Audit;

/// <summary>
/// Posts audit records to a Splunk HTTP Event Collector, in order, at least once: the sequence number
/// forwarded so far is kept in the database and advanced only after Splunk accepted a batch, so a
/// restart resumes where it stopped (Splunk may see a batch twice after a crash; the sequence number in
/// each event makes duplicates recognisable). Failures are retried with exponential backoff and jitter.
/// The HEC token is sent as Splunk's <c>Authorization: Splunk TOKEN</c> header and never logged.
/// </summary>
internal sealed class SplunkHecForwarder(IGatewayStore store, AuditCheckpointer checkpointer, SplunkHecOptions options, HttpClient http, TimeProvider time, ILogger<SplunkHecForwarder> logger) : BackgroundService
{
    public const string CursorSetting = "audit_splunk_next_seq";
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ForwardBatchAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await Task.Delay(Idle, time, stoppingToken).ConfigureAwait(false);
                }

                attempt = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ForwardException)
            {
                attempt++;
                var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, options.FirstRetryDelay.Ticks << Math.Min(attempt - 1, 16)));
                delay += TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(1000, delay.TotalMilliseconds / 4) + 1));
                AuditLog.ForwardFailed(logger, e is ForwardException ? e.Message : e.GetType().Name, attempt, delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ForwardBatchAsync(CancellationToken cancellationToken)
    {
        var next = long.Parse(await store.ReadAsync(r => r.Setting(CursorSetting), cancellationToken).ConfigureAwait(false) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var rows = await store.ReadAsync(r => r.AuditRecords(new AuditQuery { FromSeq = next, Limit = options.BatchSize }), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        using var body = new MemoryStream();
        foreach (var row in rows)
        {
            body.Write(SiemEvents.Build(SiemEvents.SplunkHec, checkpointer.Origin, row.Seq, row.LeafHash, row.Bytes, options.Index));
            body.WriteByte((byte)'\n');
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Splunk", options.Token);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ForwardException($"HTTP {(int)response.StatusCode}");
        }

        var forwarded = rows[^1].Seq + 1;
        await store.WriteAsync(tx => tx.SetSetting(CursorSetting, forwarded.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        AuditLog.Forwarded(logger, forwarded - 1);
        return rows.Count;
    }

    private sealed class ForwardException(string message) : Exception(message);
}
