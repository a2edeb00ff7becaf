using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Airlock.Redaction;

/// <summary>
/// Rewrites a JSON element with its secrets redacted: members whose name says secret lose their whole
/// value, every other string is redacted as text, and each redaction is noted with its JSON path.
/// </summary>
internal static class JsonRedactor
{
    // Deep enough for any document a parser accepts by default (64), shallow enough for the stack.
    private const int MaxDepth = 1024;

    // Keeps quotes, '+' and '<' readable in the rewritten JSON; the output is data, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = MaxDepth };

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxDepth };

    public static (JsonElement Redacted, IReadOnlyList<RedactionNote> Notes) Redact(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            return (element, []);
        }

        try
        {
            var notes = new List<RedactionNote>();
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                Write(writer, element, path, notes);
            }

            if (notes.Count == 0)
            {
                return (element, notes);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory, ReadOptions);
            return (document.RootElement.Clone(), notes);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Fail closed: a document that cannot be rewritten (nested too deep) is withheld whole.
            using var withheld = JsonDocument.Parse($"\"{RedactionKinds.Marker(RedactionKinds.Secret)}\"");
            return (withheld.RootElement.Clone(), [new RedactionNote(path, RedactionKinds.Secret)]);
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, string path, List<RedactionNote> notes)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, element, path, notes);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, $"{path}[{index++}]", notes);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(RedactText(element.GetString() ?? "", path, notes));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement element, string path, List<RedactionNote> notes)
    {
        var namedKind = NamedSecretKind(element);
        writer.WriteStartObject();
        foreach (var member in element.EnumerateObject())
        {
            var name = RedactText(member.Name, path, notes);
            var memberPath = MemberPath(path, name);
            writer.WritePropertyName(name);

            var kind = SecretNameKinds.Of(member.Name) ?? (IsValueMember(member.Name) ? namedKind : null);
            if (kind is not null && HoldsSecret(member.Name, kind, member.Value))
            {
                kind = Refine(kind, member.Value);
                writer.WriteStringValue(RedactionKinds.Marker(kind));
                notes.Add(new RedactionNote(memberPath, kind));
            }
            else
            {
                Write(writer, member.Value, memberPath, notes);
            }
        }

        writer.WriteEndObject();
    }

    private static string RedactText(string text, string path, List<RedactionNote> notes)
    {
        var redacted = SecretRedactor.Redact(text);
        foreach (var kind in redacted.Kinds)
        {
            notes.Add(new RedactionNote(path, kind));
        }

        return redacted.Text;
    }

    // Environment lists name their variables: {"name": "DB_PASSWORD", "value": "…"} (Kubernetes, ECS).
    private static string? NamedSecretKind(JsonElement element)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name is "name" or "Name" or "key" or "Key" && member.Value.ValueKind == JsonValueKind.String)
            {
                var kind = SecretNameKinds.Of(member.Value.GetString());
                if (kind is not null)
                {
                    return kind;
                }
            }
        }

        return null;
    }

    private static bool IsValueMember(string name) => name is "value" or "Value";

    // Nulls, flags, empty values, variable references and earlier markers hold no secret.
    private static bool HoldsSecret(string name, string kind, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } text && !SecretValues.HoldsNoSecret(text, 0) && !SecretValues.IsLiteral(text)
            && !SecretValues.IsPathFor(name, kind, text, 0),
        JsonValueKind.Number => true,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => false,
    };

    // An Authorization value says its scheme, and a token value its format: both name the kind better.
    private static string Refine(string kind, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return kind == RedactionKinds.Authorization ? RedactionKinds.Secret : kind;
        }

        var text = value.GetString() ?? "";
        if (kind == RedactionKinds.Authorization)
        {
            var (start, schemeKind) = AuthorizationSchemes.Credentials(text, 0);
            return schemeKind != RedactionKinds.Authorization ? schemeKind : TokenFormats.KindOf(text[start..]) ?? RedactionKinds.Authorization;
        }

        return TokenFormats.KindOf(text) ?? kind;
    }

    /// <summary>JSONPath for a member: <c>$.headers.Authorization</c>, or <c>$['x-api-key']</c> when the name is not an identifier.</summary>
    private static string MemberPath(string path, string name)
    {
        var plain = name.Length > 0 && !char.IsAsciiDigit(name[0]);
        foreach (var c in name)
        {
            plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        return plain ? $"{path}.{name}" : $"{path}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }
}
