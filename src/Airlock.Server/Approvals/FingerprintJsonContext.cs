using System.Text.Json.Serialization;

namespace Airlock.Server.Approvals;

[JsonSerializable(typeof(string))]
internal sealed partial class FingerprintJsonContext : JsonSerializerContext;
