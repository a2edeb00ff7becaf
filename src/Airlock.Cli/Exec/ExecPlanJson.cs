using System.Text.Json.Serialization;
using Airlock.Wire;

namespace Airlock.Cli.Exec;

/// <summary>What <c>airlock exec --plan --json</c> prints: what would run, and what Airlock would decide.</summary>
internal sealed record ExecPlanJson
{
    /// <summary>The program's absolute path; null when it is not found.</summary>
    [JsonPropertyName("program")] public string? Program { get; init; }
    [JsonPropertyName("args")] public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>True when the words are one command line run by a shell.</summary>
    [JsonPropertyName("shell")] public bool Shell { get; init; }

    /// <summary>The shell command line the analysis read.</summary>
    [JsonPropertyName("analyzed")] public required string Analyzed { get; init; }
    [JsonPropertyName("cwd")] public required string Cwd { get; init; }

    /// <summary>"local policy"; the gateway, when one is configured, decides only when the command runs.</summary>
    [JsonPropertyName("decided_by")] public required string DecidedBy { get; init; }
    [JsonPropertyName("decision")] public required DecisionJson Decision { get; init; }
    [JsonPropertyName("exit_code")] public int ExitCode { get; init; }
}
