using System.Text.Json.Serialization;

namespace Airlock.Wire;

/// <summary>The JSON the gateway and its clients exchange, generated at build time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DecisionJson))]
[JsonSerializable(typeof(List<OperationJson>))]
[JsonSerializable(typeof(DecideRequestJson))]
[JsonSerializable(typeof(ApprovalJson))]
[JsonSerializable(typeof(List<ApprovalJson>))]
[JsonSerializable(typeof(VoteRequestJson))]
[JsonSerializable(typeof(TokenJson))]
[JsonSerializable(typeof(List<TokenJson>))]
[JsonSerializable(typeof(TokenCreateJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(ExecutionJson))]
[JsonSerializable(typeof(ExecutionRecordedJson))]
[JsonSerializable(typeof(SignInRequestJson))]
[JsonSerializable(typeof(SessionJson))]
[JsonSerializable(typeof(PolicyJson))]
[JsonSerializable(typeof(AuditStatusJson))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
    /// <summary>Output for people and agents to read: quotes and non-ASCII letters are written as they are.</summary>
    public static WireJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
