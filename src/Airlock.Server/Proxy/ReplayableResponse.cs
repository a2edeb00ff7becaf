using System.Text;

namespace Airlock.Server.Proxy;

/// <summary>
/// An upstream answer kept for an <c>Idempotency-Key</c>: the status, the headers passed back to the
/// agent and the body. Serialized to a small binary form and sealed before it is stored.
/// </summary>
internal sealed record ReplayableResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    private const byte Format = 1;

    public byte[] Serialize()
    {
        using var stream = new MemoryStream(Body.Length + 256);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(Status);
            writer.Write(Headers.Count);
            foreach (var (name, value) in Headers)
            {
                writer.Write(name);
                writer.Write(value);
            }

            writer.Write(Body.Length);
            writer.Write(Body);
        }

        return stream.ToArray();
    }

    public static ReplayableResponse Deserialize(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        if (reader.ReadByte() != Format)
        {
            throw new InvalidDataException("A kept proxy response is in a format this gateway does not read.");
        }

        var status = reader.ReadInt32();
        var count = reader.ReadInt32();
        var headers = new List<KeyValuePair<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            headers.Add(new(reader.ReadString(), reader.ReadString()));
        }

        var body = reader.ReadBytes(reader.ReadInt32());
        return new ReplayableResponse(status, headers, body);
    }
}
