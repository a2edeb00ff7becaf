using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Airlock.Server.Audit;

/// <summary>
/// The bytes of an audit record: one compact JSON object, fields in a fixed order, no line breaks (a
/// bundle holds one record per line). These bytes are hashed and stored as they are; nothing re-serializes
/// them before verification, so the format can grow fields without breaking old records.
/// </summary>
internal static class AuditRecordJson
{
    // Relaxed escaping keeps commands readable ('<', '&', quotes in shell text); JSON stays valid and unambiguous.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static byte[] Build(long seq, AuditEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            json.WriteString("time", entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("type", entry.Type);
            Optional(json, "tenant", entry.Tenant);
            Optional(json, "workspace", entry.Workspace);
            Optional(json, "agent", entry.Agent);
            Optional(json, "session", entry.Session);
            Optional(json, "client", entry.Client);
            Optional(json, "actor", entry.Actor);
            entry.Fields?.Invoke(json);
            if (entry.Redactions.Count > 0)
            {
                json.WriteStartArray("redactions");
                foreach (var note in entry.Redactions)
                {
                    json.WriteStartObject();
                    json.WriteString("path", note.Path);
                    json.WriteString("kind", note.Kind);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (entry.Links.Count > 0)
            {
                json.WriteStartObject("links");
                foreach (var (name, linked) in entry.Links)
                {
                    json.WriteNumber(name, linked);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void Optional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    public static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Embeds stored JSON text (already redacted, written by System.Text.Json) as JSON, not as a string; a record is one line.</summary>
    public static void Embedded(Utf8JsonWriter json, string name, string storedJson)
    {
        json.WritePropertyName(name);
        if (storedJson.AsSpan().IndexOfAny('\n', '\r') < 0)
        {
            // Valid JSON already (it was serialized or parsed to be stored); validating it again costs a third of an append.
            json.WriteRawValue(storedJson, skipInputValidation: true);
            return;
        }

        // A client's own formatting can carry line breaks: rewrite it compactly.
        using var document = JsonDocument.Parse(storedJson);
        document.RootElement.WriteTo(json);
    }
}
