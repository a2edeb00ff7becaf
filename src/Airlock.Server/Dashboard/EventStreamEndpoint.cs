using System.Globalization;
using System.Text;
using Airlock.Audit;
using Airlock.Server.Audit;
using Airlock.Server.Auth;
using Airlock.Server.Http;
using Airlock.Server.Store;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Dashboard;

/// <summary>
/// <c>GET /v1/events</c>: the audit log as server-sent events, for the dashboard's live inbox and
/// activity feed. Each event is one committed record, as the same line <c>/v1/audit/records</c>
/// returns; its id is the next sequence number, so a reconnecting browser (Last-Event-ID) resumes
/// where it stopped. A reader that falls far behind gets a <c>reset</c> event and reloads instead.
/// </summary>
internal static class EventStreamEndpoint
{
    private const int Batch = 500;

    /// <summary>More than this behind, and the stream skips ahead: a browser tab should not replay an hour of load.</summary>
    private const long MaxBacklog = 2_000;

    /// <summary>Also looks every so often without a wake-up: another gateway process may share the database.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, TokenService tokens, IGatewayStore store, AuditFeed feed, TimeProvider time)
    {
        var reader = await GatewayHttp.RequireAsync(context, tokens, Role.Approver, Role.Admin).ConfigureAwait(false);
        var ct = context.RequestAborted;
        var size = await store.ReadAsync(r => r.AuditSize(), ct).ConfigureAwait(false);
        var next = ResumeFrom(context.Request, size);

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync("retry: 2000\n\n", ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);

        var quietSince = time.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = feed.NextCommit;
                size = await store.ReadAsync(r => r.AuditSize(), ct).ConfigureAwait(false);
                if (size - next > MaxBacklog)
                {
                    next = size - Batch;
                    await WriteAsync(context, $"event: reset\nid: {next}\ndata: {{\"from_seq\":{next}}}\n\n").ConfigureAwait(false);
                }

                if (next < size)
                {
                    var from = next;
                    var rows = await store.ReadAsync(r => r.AuditRecords(new AuditQuery { FromSeq = from, ToSeq = size, Tenant = reader.Token.Tenant, Limit = Batch }), ct).ConfigureAwait(false);
                    await WriteRecordsAsync(context, rows).ConfigureAwait(false);
                    // A full batch may stop short of the end; otherwise everything up to size was read (other tenants' records skipped).
                    next = rows.Count == Batch ? rows[^1].Seq + 1 : size;
                    quietSince = time.GetUtcNow();
                    continue;
                }

                if (time.GetUtcNow() - quietSince >= KeepAlive)
                {
                    await WriteAsync(context, ": keep-alive\n\n").ConfigureAwait(false);
                    quietSince = time.GetUtcNow();
                    // A revoked token or an ended session stops the stream here (401 cannot be sent any more).
                    await GatewayHttp.RequireAsync(context, tokens, Role.Approver, Role.Admin).ConfigureAwait(false);
                }

                await Task.WhenAny(wake, Task.Delay(PollInterval, time, ct)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser closed the stream.
        }
        catch (GatewayException)
        {
            // The session ended while streaming: close the stream; the page's next request signs it out.
        }
    }

    private static long ResumeFrom(HttpRequest request, long size)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0)
        {
            text = request.Query["from_seq"].ToString();
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? Math.Min(from, size) : size;
    }

    private static async Task WriteRecordsAsync(HttpContext context, IReadOnlyList<AuditRow> rows)
    {
        using var line = new MemoryStream();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            line.SetLength(0);
            using (var writer = new AuditBundleWriter(line))
            {
                writer.WriteRecord(row.Seq, row.LeafHash, row.Bytes);
            }

            // Record lines are one line of JSON (the writer ends them with \n), as SSE's data field needs.
            text.Append(CultureInfo.InvariantCulture, $"event: record\nid: {row.Seq + 1}\ndata: ").Append(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length)).Append('\n');
        }

        if (text.Length > 0)
        {
            await WriteAsync(context, text.ToString()).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpContext context, string text)
    {
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
