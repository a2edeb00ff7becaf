using System.Globalization;
using System.Text.Json;

namespace Airlock.Audit;

/// <summary>Writes an audit bundle (<see cref="AuditBundleFormat"/>) line by line; records are copied as their exact bytes.</summary>
public sealed class AuditBundleWriter(Stream output) : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Indented = false });

    public void WriteHeader(BundleHeader header) => Line(json =>
    {
        json.WriteString("type", "bundle");
        json.WriteString("format", AuditBundleFormat.Format);
        json.WriteString("origin", header.Origin);
        json.WriteString("exported_at", Time(header.ExportedAt));
        json.WriteNumber("from_seq", header.FromSeq);
        json.WriteNumber("to_seq", header.ToSeq);
        json.WriteNumber("log_size", header.LogSize);
        json.WriteNumber("checkpoint_interval_ms", (long)header.CheckpointInterval.TotalMilliseconds);
        json.WriteNumber("heartbeat_ms", (long)header.Heartbeat.TotalMilliseconds);
    });

    public void WriteKey(BundleKey key) => Line(json =>
    {
        json.WriteString("type", "key");
        json.WriteString("name", key.Name);
        json.WriteString("fingerprint", key.Fingerprint);
        json.WriteString("public_key", key.PublicKeyPem);
        json.WriteString("created_at", Time(key.CreatedAt));
        if (key.RetiredAt is { } retired)
        {
            json.WriteString("retired_at", Time(retired));
        }
    });

    public void WriteCompactRange(long size, IReadOnlyList<byte[]> hashes) => Line(json =>
    {
        json.WriteString("type", "compact_range");
        json.WriteNumber("size", size);
        Hashes(json, "hashes", hashes);
    });

    public void WriteCheckpoint(string note) => Line(json =>
    {
        json.WriteString("type", "checkpoint");
        json.WriteString("note", note);
    });

    public void WriteConsistency(long oldSize, long newSize, IReadOnlyList<byte[]> proof) => Line(json =>
    {
        json.WriteString("type", "consistency");
        json.WriteNumber("old_size", oldSize);
        json.WriteNumber("new_size", newSize);
        Hashes(json, "proof", proof);
    });

    public void WriteInclusion(long seq, long treeSize, IReadOnlyList<byte[]> proof) => Line(json =>
    {
        json.WriteString("type", "inclusion");
        json.WriteNumber("seq", seq);
        json.WriteNumber("tree_size", treeSize);
        Hashes(json, "proof", proof);
    });

    /// <summary>A record line: the record's bytes are embedded as they are, never re-serialized.</summary>
    public void WriteRecord(long seq, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> record)
    {
        _json.Flush();
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{AuditBundleFormat.RecordPrefix}\"seq\":{seq},\"leaf\":\"{Convert.ToBase64String(leafHash)}\",\"record\":");
        output.Write(System.Text.Encoding.ASCII.GetBytes(prefix));
        output.Write(record);
        output.Write("}\n"u8);
    }

    public void Flush()
    {
        _json.Flush();
        output.Flush();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void Line(Action<Utf8JsonWriter> write)
    {
        _json.Flush();
        _json.Reset(output);
        _json.WriteStartObject();
        write(_json);
        _json.WriteEndObject();
        _json.Flush();
        output.Write(NewLine);
    }

    private static void Hashes(Utf8JsonWriter json, string name, IReadOnlyList<byte[]> hashes)
    {
        json.WriteStartArray(name);
        foreach (var hash in hashes)
        {
            json.WriteBase64StringValue(hash);
        }

        json.WriteEndArray();
    }
}
