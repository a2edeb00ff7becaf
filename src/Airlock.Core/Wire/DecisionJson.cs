using System.Text.Json.Serialization;
using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Wire;

/// <summary>
/// A decision as programs read it: from <c>airlock check --json</c> and <c>--batch</c>, and from the
/// gateway's <c>POST /v1/decide</c>, which adds the decision's id and, for approve, the approval request.
/// </summary>
internal sealed record DecisionJson
{
    [JsonPropertyName("decision")] public required string Decision { get; init; }
    [JsonPropertyName("reason_code")] public required string ReasonCode { get; init; }
    [JsonPropertyName("rule")] public required string Rule { get; init; }
    [JsonPropertyName("operations")] public required IReadOnlyList<OperationJson> Operations { get; init; }
    [JsonPropertyName("agent_message")] public string? AgentMessage { get; init; }
    [JsonPropertyName("human_message")] public string? HumanMessage { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("decision_id")] public string? DecisionId { get; init; }
    [JsonPropertyName("approval")] public ApprovalJson? Approval { get; init; }

    public static DecisionJson From(Decision decision) => new()
    {
        Decision = EnumNames.Of(decision.Outcome),
        ReasonCode = decision.ReasonCode,
        Rule = decision.Rule,
        Operations = decision.Operations.Select(OperationJson.From).ToList(),
        AgentMessage = decision.AgentMessage,
        HumanMessage = decision.HumanMessage,
    };
}

/// <summary>One operation in the JSON output, with the outcome it received.</summary>
internal sealed record OperationJson
{
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("verb")] public required string Verb { get; init; }
    [JsonPropertyName("target")] public required string Target { get; init; }
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("environment_evidence")] public string? EnvironmentEvidence { get; init; }
    [JsonPropertyName("reversibility")] public required string Reversibility { get; init; }
    [JsonPropertyName("blast_radius")] public required string BlastRadius { get; init; }
    [JsonPropertyName("tool")] public string? Tool { get; init; }
    [JsonPropertyName("evidence")] public required string Evidence { get; init; }
    [JsonPropertyName("outcome")] public required string Outcome { get; init; }
    [JsonPropertyName("rule")] public required string Rule { get; init; }

    public static OperationJson From(OperationDecision decided) => new()
    {
        Kind = decided.Operation.Kind,
        Verb = EnumNames.Of(decided.Operation.Verb),
        Target = decided.Operation.Target,
        Environment = EnumNames.Of(decided.Operation.Environment),
        EnvironmentEvidence = decided.Operation.EnvironmentEvidence,
        Reversibility = EnumNames.Of(decided.Operation.Reversibility),
        BlastRadius = EnumNames.Of(decided.Operation.BlastRadius),
        Tool = decided.Operation.Tool,
        Evidence = decided.Operation.Evidence,
        Outcome = EnumNames.Of(decided.Outcome),
        Rule = decided.Rule,
    };
}
