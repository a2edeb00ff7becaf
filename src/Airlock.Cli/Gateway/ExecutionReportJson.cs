using System.Text.Json.Serialization;

namespace Airlock.Cli.Gateway;

/// <summary>
/// The body of <c>POST /v1/executions</c>: what became of a call the gateway allowed — run to the end
/// (<c>completed</c>), ended in failure (<c>failed</c>), or never started (<c>not_started</c>).
/// </summary>
internal sealed record ExecutionReportJson
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string NotStarted = "not_started";

    [JsonPropertyName("decision_id")] public required string DecisionId { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }
    [JsonPropertyName("duration_ms")] public long? DurationMs { get; init; }
}
