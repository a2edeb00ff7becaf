using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Airlock.Audit;

/// <summary>
/// Audit records as SIEM events: Splunk HTTP Event Collector JSON, or OCSF API Activity (class 6003).
/// Every event carries the record's sequence number and leaf hash, and the record itself, so a SIEM
/// copy can be reconciled exactly against a verified bundle.
/// </summary>
public static class SiemEvents
{
    public const string SplunkHec = "splunk-hec";
    public const string Ocsf = "ocsf";
    public const string OcsfVersion = "1.3.0";

    /// <summary>One event as a single line of JSON (no newline).</summary>
    public static byte[] Build(string format, string origin, long seq, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> record, string? index = null)
    {
        using var document = JsonDocument.Parse(record.ToArray());
        var buffer = new ArrayBufferWriter<byte>(record.Length * 2 + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (format == SplunkHec)
            {
                WriteHec(json, origin, seq, leafHash, document.RootElement, index);
            }
            else
            {
                WriteOcsf(json, origin, seq, leafHash, document.RootElement);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHec(Utf8JsonWriter json, string origin, long seq, ReadOnlySpan<byte> leafHash, JsonElement record, string? index)
    {
        json.WriteStartObject();
        json.WriteNumber("time", Time(record).ToUnixTimeMilliseconds() / 1000m);
        json.WriteString("host", origin);
        json.WriteString("source", "airlock");
        json.WriteString("sourcetype", "airlock:audit");
        if (index is not null)
        {
            json.WriteString("index", index);
        }

        json.WriteStartObject("event");
        json.WriteNumber("seq", seq);
        json.WriteBase64String("leaf_hash", leafHash);
        json.WritePropertyName("record");
        record.WriteTo(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteOcsf(Utf8JsonWriter json, string origin, long seq, ReadOnlySpan<byte> leafHash, JsonElement record)
    {
        var type = Text(record, "type") ?? "unknown";
        var outcome = Text(record, "outcome") ?? Text(record, "to") ?? Text(record, "status");
        json.WriteStartObject();
        json.WriteNumber("class_uid", 6003);
        json.WriteString("class_name", "API Activity");
        json.WriteNumber("category_uid", 6);
        json.WriteString("category_name", "Application Activity");
        json.WriteNumber("activity_id", 99);
        json.WriteString("activity_name", type);
        json.WriteNumber("type_uid", 600399);
        json.WriteString("type_name", "API Activity: Other");
        json.WriteNumber("time", Time(record).ToUnixTimeMilliseconds());
        json.WriteNumber("severity_id", outcome switch { "deny" or "rejected" => 3, "approve" or "ask" => 2, _ => 1 });
        json.WriteNumber("status_id", outcome switch { "allow" or "approved" or "consumed" or "completed" => 1, "deny" or "rejected" or "failed" or "expired" or "cancelled" => 2, _ => 0 });
        Optional(json, "status", outcome);
        Optional(json, "status_code", Text(record, "reason_code"));
        Optional(json, "message", Text(record, "summary") ?? Text(record, "rule"));
        json.WriteStartObject("actor");
        json.WriteStartObject("user");
        json.WriteString("name", Text(record, "actor") ?? Text(record, "agent") ?? "airlock");
        Optional(json, "uid", Text(record, "agent"));
        json.WriteEndObject();
        if (Text(record, "session") is { } session)
        {
            json.WriteStartObject("session");
            json.WriteString("uid", session);
            json.WriteEndObject();
        }

        Optional(json, "app_name", Text(record, "client"));
        json.WriteEndObject();
        json.WriteStartObject("api");
        json.WriteString("operation", Text(record, "tool") ?? type);
        json.WriteStartObject("service");
        json.WriteString("name", "airlock");
        json.WriteEndObject();
        if ((Text(record, "decision_id") ?? Text(record, "approval_id") ?? Text(record, "token_id")) is { } uid)
        {
            json.WriteStartObject("request");
            json.WriteString("uid", uid);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("src_endpoint");
        json.WriteString("name", Text(record, "client") ?? "airlock");
        json.WriteEndObject();
        json.WriteStartObject("metadata");
        json.WriteString("version", OcsfVersion);
        json.WriteStartObject("product");
        json.WriteString("name", "Airlock");
        json.WriteString("vendor_name", "Airlock");
        json.WriteEndObject();
        json.WriteString("uid", string.Create(CultureInfo.InvariantCulture, $"{origin}#{seq}"));
        json.WriteNumber("sequence", seq);
        json.WriteString("log_name", origin);
        Optional(json, "correlation_uid", Text(record, "approval_id") ?? Text(record, "decision_id"));
        json.WriteEndObject();
        json.WriteStartObject("unmapped");
        json.WriteNumber("airlock_seq", seq);
        json.WriteBase64String("airlock_leaf_hash", leafHash);
        json.WritePropertyName("airlock_record");
        record.WriteTo(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The sequence number and leaf hash a SIEM event carries, in either format.</summary>
    public static bool TryIdentify(JsonElement siemEvent, out long seq, out byte[]? leafHash)
    {
        seq = -1;
        leafHash = null;
        if (siemEvent.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var holder = siemEvent.TryGetProperty("event", out var hec) && hec.ValueKind == JsonValueKind.Object ? hec
            : siemEvent.TryGetProperty("unmapped", out var unmapped) && unmapped.ValueKind == JsonValueKind.Object ? unmapped : default;
        if (holder.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var seqName = holder.TryGetProperty("seq", out _) ? "seq" : "airlock_seq";
        var leafName = seqName == "seq" ? "leaf_hash" : "airlock_leaf_hash";
        if (!holder.TryGetProperty(seqName, out var seqValue) || !seqValue.TryGetInt64(out seq))
        {
            return false;
        }

        leafHash = holder.TryGetProperty(leafName, out var leafValue) && leafValue.ValueKind == JsonValueKind.String && leafValue.TryGetBytesFromBase64(out var bytes) ? bytes : null;
        return true;
    }

    /// <summary>The format of an event: Splunk HEC has an "event" object, OCSF a class_uid.</summary>
    public static string FormatOf(JsonElement siemEvent) => siemEvent.TryGetProperty("class_uid", out _) ? Ocsf : SplunkHec;

    private static DateTimeOffset Time(JsonElement record) =>
        Text(record, "time") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UnixEpoch;

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
