using System.Text.Json.Serialization;

namespace Airlock.Cli.Hooks;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HookJsonContext : JsonSerializerContext;
