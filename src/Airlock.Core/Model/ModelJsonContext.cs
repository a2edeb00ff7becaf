using System.Text.Json.Serialization;

namespace Airlock.Model;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Operation))]
[JsonSerializable(typeof(IReadOnlyList<Operation>))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
