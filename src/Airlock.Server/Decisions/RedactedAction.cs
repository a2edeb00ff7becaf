using System.Text.Json;
using Airlock.Model;
using Airlock.Policy;
using Airlock.Redaction;
using Airlock.Wire;

namespace Airlock.Server.Decisions;

/// <summary>
/// An action as it may be stored and shown: the input and the operations' targets and evidence with
/// every secret replaced by a marker. The fingerprint is computed from the raw input before this.
/// </summary>
internal sealed record RedactedAction(string Input, IReadOnlyList<OperationJson> OperationList, string Operations)
{
    public static RedactedAction From(ActionRequest request, Decision decision)
    {
        var (input, _) = SecretRedactor.RedactJson(request.Input.ValueKind == JsonValueKind.Undefined ? EmptyObject : request.Input, "$.input");
        var operations = decision.Operations.Select(OperationJson.From).Select(Redact).ToList();
        return new RedactedAction(
            input.GetRawText(),
            operations,
            JsonSerializer.Serialize(operations, WireJsonContext.Default.ListOperationJson));
    }

    public static OperationJson Redact(OperationJson operation) => operation with
    {
        Target = SecretRedactor.Redact(operation.Target).Text,
        Evidence = SecretRedactor.Redact(operation.Evidence).Text,
        EnvironmentEvidence = operation.EnvironmentEvidence is null ? null : SecretRedactor.Redact(operation.EnvironmentEvidence).Text,
    };

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
