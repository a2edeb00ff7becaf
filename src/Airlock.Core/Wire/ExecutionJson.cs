using System.Text.Json.Serialization;

namespace Airlock.Wire;

/// <summary><c>POST /v1/executions</c>: what happened when a call the gateway allowed ran.</summary>
internal sealed record ExecutionJson
{
    [JsonPropertyName("decision_id")]
    public string? DecisionId { get; init; }

    /// <summary>completed, failed or not_started.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("exit_code")]
    public int? ExitCode { get; init; }

    [JsonPropertyName("http_status")]
    public int? HttpStatus { get; init; }

    [JsonPropertyName("duration_ms")]
    public long? DurationMs { get; init; }

    [JsonPropertyName("detail")]
    public string? Detail { get; init; }
}

/// <summary>The answer: the audit record's sequence number.</summary>
internal sealed record ExecutionRecordedJson
{
    [JsonPropertyName("seq")]
    public long Seq { get; init; }
}
