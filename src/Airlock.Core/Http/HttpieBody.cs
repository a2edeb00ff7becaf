using System.Text;
using System.Text.Json;

namespace Airlock.Http;

/// <summary>The body httpie and xh build from <c>name=value</c> and <c>name:=json</c> items.</summary>
internal static class HttpieBody
{
    public static string Json(IEnumerable<HttpieItem> fields)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                writer.WritePropertyName(field.Key);
                if (field.Separator == ":=" && TryParseJson(field.Value, out var element))
                {
                    element.WriteTo(writer);
                }
                else
                {
                    writer.WriteStringValue(field.Value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Form(IEnumerable<HttpieItem> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    private static bool TryParseJson(string text, out JsonElement element)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }
}
