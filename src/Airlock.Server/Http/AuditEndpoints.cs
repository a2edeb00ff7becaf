using System.Globalization;
using Airlock.Audit;
using Airlock.Server.Audit;
using Airlock.Server.Auth;
using Airlock.Server.Store;
using Microsoft.AspNetCore.Http;

namespace Airlock.Server.Http;

/// <summary>
/// Reading the audit log: records (for <c>airlock audit tail|query|replay</c>), the latest signed
/// checkpoint, the public keys, and bundle export. Approvers and admins only — an agent does not read
/// the log that records it.
/// </summary>
internal static class AuditEndpoints
{
    private const int MaxLimit = 10_000;
    private static readonly SemaphoreSlim VerifyGate = new(1, 1);

    public static async Task RecordsAsync(HttpContext context, TokenService tokens, IGatewayStore store)
    {
        var reader = await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        var q = context.Request.Query;
        var from = Long(q, "from_seq") ?? 0;
        if (Long(q, "tail") is { } tail)
        {
            from = Math.Max(0, await store.ReadAsync(r => r.AuditSize(), context.RequestAborted).ConfigureAwait(false) - tail);
        }

        var query = new AuditQuery
        {
            FromSeq = from,
            ToSeq = Long(q, "to_seq"),
            // Readers see their own tenant's records; the whole log (for verification) is what export gives.
            Tenant = reader.Token.Tenant,
            Session = Text(q, "session"),
            Agent = Text(q, "agent"),
            Outcome = Text(q, "outcome"),
            ReasonCode = Text(q, "reason_code"),
            Type = Text(q, "type"),
            Since = Time(q, "since"),
            Until = Time(q, "until"),
            Limit = (int)Math.Clamp(Long(q, "limit") ?? 1000, 1, MaxLimit),
            NewestFirst = Text(q, "order") switch
            {
                null or "oldest" => false,
                "newest" => true,
                var other => throw GatewayException.BadRequest($"'order' is '{other}'; expected oldest or newest."),
            },
        };
        var rows = await store.ReadAsync(r => r.AuditRecords(query), context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/x-ndjson";
        // The same lines as in a bundle, so a reader parses one format.
        using var buffer = new MemoryStream();
        using (var writer = new AuditBundleWriter(buffer))
        {
            foreach (var row in rows)
            {
                writer.WriteRecord(row.Seq, row.LeafHash, row.Bytes);
            }
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task<IResult> CheckpointAsync(HttpContext context, TokenService tokens, IGatewayStore store)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        var latest = await store.ReadAsync(r => r.LatestCheckpoint(), context.RequestAborted).ConfigureAwait(false)
            ?? throw new GatewayException(404, "not_found", "No checkpoint has been signed yet.");
        return Results.Text(latest.Note, "text/plain; charset=utf-8");
    }

    /// <summary>The log at a glance: its size, and its newest checkpoint with age, key and whether the signature holds.</summary>
    public static async Task<IResult> StatusAsync(HttpContext context, TokenService tokens, IGatewayStore store, AuditCheckpointer checkpointer, AuditOptions options, TimeProvider time)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        var (size, latest, keys) = await store.ReadAsync(r => (r.AuditSize(), r.LatestCheckpoint(), r.AuditKeys()), context.RequestAborted).ConfigureAwait(false);
        if (latest is null)
        {
            throw new GatewayException(404, "not_found", "No checkpoint has been signed yet.");
        }

        var key = keys.FirstOrDefault(k => k.Fingerprint == latest.KeyFingerprint);
        var signed = key is not null && SignedNote.Verify(latest.Note, [AuditPublicKey.FromPem(key.Name, key.PublicKeyPem)]).IsVerified;
        var status = new Wire.AuditStatusJson
        {
            Origin = checkpointer.Origin,
            Size = size,
            CheckpointSize = latest.Size,
            CheckpointAt = latest.At,
            CheckpointAgeSeconds = Math.Max(0, (time.GetUtcNow() - latest.At).TotalSeconds),
            CheckpointSignatureValid = signed,
            KeyFingerprint = latest.KeyFingerprint,
            HeartbeatSeconds = options.Heartbeat.TotalSeconds,
        };
        return GatewayHttp.Json(status, Wire.WireJsonContext.Readable.AuditStatusJson);
    }

    /// <summary>
    /// Exports the whole log and verifies the bundle as <c>airlock audit verify</c> would, against the
    /// keys in the log. It proves the stored records, tree and signatures agree; it cannot prove the
    /// keys themselves are the right ones — that takes a key or checkpoint held elsewhere.
    /// </summary>
    public static async Task VerifyAsync(HttpContext context, TokenService tokens, AuditExporter exporter)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        // One at a time: each reads the whole log.
        await VerifyGate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        string? path = null;
        try
        {
            path = Path.GetTempFileName();
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await exporter.ExportAsync(file, new AuditRange(null, null, null, null), context.RequestAborted).ConfigureAwait(false);
            }

            BundleReport report;
            await using (var file = File.OpenRead(path))
            {
                report = new AuditBundleVerifier().Verify(file);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(report.ToJson(), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            if (path is not null)
            {
                File.Delete(path);
            }

            VerifyGate.Release();
        }
    }

    public static async Task<IResult> KeysAsync(HttpContext context, TokenService tokens, IGatewayStore store)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        var keys = await store.ReadAsync(r => r.AuditKeys(), context.RequestAborted).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var writer = new AuditBundleWriter(buffer))
        {
            foreach (var key in keys)
            {
                writer.WriteKey(new BundleKey(key.Name, key.Fingerprint, key.PublicKeyPem, key.CreatedAt, key.RetiredAt));
            }
        }

        return Results.Bytes(buffer.ToArray(), "application/x-ndjson");
    }

    public static async Task ExportAsync(HttpContext context, TokenService tokens, AuditExporter exporter)
    {
        await GatewayHttp.RequireAsync(context, tokens, Role.Admin, Role.Approver).ConfigureAwait(false);
        var q = context.Request.Query;
        var range = new AuditRange(Long(q, "from_seq"), Long(q, "to_seq"), Time(q, "since"), Time(q, "until"));
        // Buffered to a temporary file first: an export that fails halfway must be an error, not a truncated bundle that looks complete.
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await exporter.ExportAsync(file, range, context.RequestAborted).ConfigureAwait(false);
            }

            context.Response.ContentType = "application/x-ndjson";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"airlock-audit.jsonl\"";
            await context.Response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? Text(IQueryCollection q, string name) => q.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    private static long? Long(IQueryCollection q, string name) => Text(q, name) is not { } text
        ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw GatewayException.BadRequest($"'{name}' must be a non-negative integer.");

    private static DateTimeOffset? Time(IQueryCollection q, string name) => Text(q, name) is not { } text
        ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : throw GatewayException.BadRequest($"'{name}' must be a time such as 2026-11-22T10:00:00Z.");
}
