using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Airlock.Server.Proxy;

/// <summary>The proxy's wire types, generated at build time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProxyRouteJson))]
[JsonSerializable(typeof(List<ProxyRouteJson>))]
[JsonSerializable(typeof(ProxyCredentialJson))]
[JsonSerializable(typeof(ProxyRefusalJson))]
internal sealed partial class ProxyJsonContext : JsonSerializerContext
{
    /// <summary>As people and agents read it: quotes and non-ASCII written as they are (JSON, never HTML).</summary>
    public static ProxyJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
