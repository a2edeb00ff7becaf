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
internal sealed record RedactedAction(string Input, IReadOnlyList<OperationJson> OperationList, string Operations, IReadOnlyList<RedactionNote> Notes)
{
    public static RedactedAction From(ActionRequest request, Decision decision)
    {
        var (input, notes) = SecretRedactor.RedactJson(request.Input.ValueKind == JsonValueKind.Undefined ? EmptyObject : request.Input, "$.input");
        var all = new List<RedactionNote>(notes);
        var operations = decision.Operations.Select(OperationJson.From).Select((operation, i) => Redact(operation, $"$.operations[{i}]", all)).ToList();
        return new RedactedAction(
            input.GetRawText(),
            operations,
            JsonSerializer.Serialize(operations, WireJsonContext.Default.ListOperationJson),
            all);
    }

    public static OperationJson Redact(OperationJson operation) => Redact(operation, "", []);

    private static OperationJson Redact(OperationJson operation, string path, List<RedactionNote> notes) => operation with
    {
        Target = Redacted(operation.Target, path + ".target", notes),
        Evidence = Redacted(operation.Evidence, path + ".evidence", notes),
        EnvironmentEvidence = operation.EnvironmentEvidence is null ? null : Redacted(operation.EnvironmentEvidence, path + ".environment_evidence", notes),
    };

    private static string Redacted(string text, string path, List<RedactionNote> notes)
    {
        var redacted = SecretRedactor.Redact(text);
        notes.AddRange(redacted.Kinds.Distinct().Select(kind => new RedactionNote(path, kind)));
        return redacted.Text;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
