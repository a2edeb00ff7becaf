using System.Text.Json.Serialization;

namespace Airlock.Cli.Output;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClaudeHookOutput))]
[JsonSerializable(typeof(CursorHookOutput))]
[JsonSerializable(typeof(CursorContinueOutput))]
[JsonSerializable(typeof(GeminiHookOutput))]
[JsonSerializable(typeof(CopilotHookOutput))]
[JsonSerializable(typeof(Exec.ExecPlanJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>Output for people and agents to read: quotes and non-ASCII letters are written as they are.</summary>
    public static CliJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
