using System.Text.Json;

namespace Airlock.Audit;

/// <summary>What the verifier reads from a record's bytes: its sequence number, type, the ids it names and its links.</summary>
internal sealed record RecordFacts(long Seq, string Type, string? DecisionId, string? ApprovalId, IReadOnlyList<(string Name, long Seq)> Links, string? PublicKey, string? Endorsement)
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal);

    /// <summary>Reads a record object from its StartObject token to its EndObject (the verifier reads the line once); throws on malformed JSON.</summary>
    public static RecordFacts? Read(ref Utf8JsonReader reader)
    {
        long? seq = null;
        string? type = null, decision = null, approval = null, publicKey = null, endorsement = null;
        List<(string, long)>? links = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("seq"u8))
            {
                seq = reader.GetInt64();
            }
            else if (name.SequenceEqual("type"u8))
            {
                type = Intern(reader.GetString()!);
            }
            else if (name.SequenceEqual("decision_id"u8))
            {
                decision = reader.GetString();
            }
            else if (name.SequenceEqual("approval_id"u8))
            {
                approval = reader.GetString();
            }
            else if (name.SequenceEqual("public_key"u8))
            {
                publicKey = reader.GetString();
            }
            else if (name.SequenceEqual("endorsement"u8))
            {
                endorsement = reader.GetString();
            }
            else if (name.SequenceEqual("links"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                links = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var link = reader.GetString()!;
                    reader.Read();
                    links.Add((link, reader.GetInt64()));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return seq is { } s && type is not null ? new RecordFacts(s, type, decision, approval, links ?? (IReadOnlyList<(string, long)>)[], publicKey, endorsement) : null;
    }

    private static string Intern(string type)
    {
        lock (Types)
        {
            if (!Types.TryGetValue(type, out var interned))
            {
                interned = type;
                if (Types.Count < 256)
                {
                    Types[type] = type;
                }
            }

            return interned;
        }
    }
}
