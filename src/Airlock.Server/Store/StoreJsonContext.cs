using System.Text.Json.Serialization;

namespace Airlock.Server.Store;

/// <summary>JSON for the structured columns the store keeps as text.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
