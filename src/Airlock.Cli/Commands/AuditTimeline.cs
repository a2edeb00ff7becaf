using System.Globalization;
using System.Text.Json;

namespace Airlock.Cli.Commands;

/// <summary>Audit records as lines a person reads: one per record for tail and query, an indented story for replay.</summary>
internal static class AuditTimeline
{
    public static string Line(JsonElement r) =>
        $"{Seq(r),7} {Time(r)} {Text(r, "type"),-19} {Text(r, "agent") ?? Text(r, "actor") ?? "-",-14} {Text(r, "session") ?? "-",-14} {Summary(r)}";

    /// <summary>One step of a session's story: calls flush left, what happened to them indented.</summary>
    public static string Describe(JsonElement r) => Text(r, "type") switch
    {
        "decision" => $"{Time(r)}  #{Seq(r)} {Text(r, "tool")}: {Input(r)}\n           understood: {Operations(r)}\n           decided: {Text(r, "outcome")} ({Text(r, "reason_code")}, rule {Text(r, "rule")})",
        "approval.requested" => $"           approval {Text(r, "approval_id")} requested ({Text(r, "environment")}; needs {Number(r, "approvals_required")} approver(s); expires {Text(r, "expires_at")})",
        "approval.voted" => $"           {Text(r, "actor")} voted {Text(r, "vote")}{Reason(r)}",
        "grant.issued" => $"           single-use grant issued, usable {Text(r, "usable_at")} until {Text(r, "expires_at")}",
        "grant.consumed" => $"           grant consumed by {Text(r, "decision_id")}",
        "execution" => $"           ran: {Text(r, "status")}{(r.TryGetProperty("exit_code", out var exit) ? $", exit {exit}" : "")}{(r.TryGetProperty("http_status", out var http) ? $", HTTP {http}" : "")}{(r.TryGetProperty("duration_ms", out var ms) ? $", {ms} ms" : "")}",
        { } type when type.StartsWith("approval.", StringComparison.Ordinal) => $"           approval {Text(r, "to")}{(Text(r, "actor") is { } by ? " by " + by : "")}{Reason(r)}",
        var type => $"           {type}",
    };

    private static string Summary(JsonElement r) => Text(r, "type") switch
    {
        "decision" => $"{Text(r, "outcome")} {Text(r, "reason_code")} {Text(r, "tool")}: {Input(r)}",
        "execution" => $"{Text(r, "status")} {Text(r, "decision_id")}",
        "approval.voted" => $"{Text(r, "approval_id")} {Text(r, "vote")} by {Text(r, "actor")}",
        "token.created" or "token.revoked" => $"{Text(r, "token_id")} by {Text(r, "actor")}",
        "proxy.credential.set" or "proxy.credential.deleted" => $"route {Text(r, "route")} by {Text(r, "actor")}",
        "policy.loaded" => $"{Text(r, "source")} sha256:{Text(r, "sha256")?[..12]}",
        "key.added" or "key.retired" => Text(r, "fingerprint") ?? "",
        _ => Text(r, "approval_id") ?? "",
    };

    private static string Input(JsonElement r)
    {
        if (!r.TryGetProperty("input", out var input))
        {
            return "";
        }

        foreach (var name in new[] { "command", "query", "sql", "url", "file_path", "path" })
        {
            if (input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!;
            }
        }

        return input.GetRawText();
    }

    private static string Operations(JsonElement r) => r.TryGetProperty("operations", out var ops) && ops.ValueKind == JsonValueKind.Array && ops.GetArrayLength() > 0
        ? string.Join("; ", ops.EnumerateArray().Select(o => $"{Text(o, "kind")} {Text(o, "target")} [{Text(o, "environment")}, {Text(o, "reversibility")}]"))
        : "nothing that changes state";

    private static string Reason(JsonElement r) => Text(r, "reason") is { Length: > 0 } reason ? $": \"{reason}\"" : "";

    private static string Time(JsonElement r) =>
        DateTimeOffset.TryParse(Text(r, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "--:--:--";

    private static long Seq(JsonElement r) => r.TryGetProperty("seq", out var seq) ? seq.GetInt64() : -1;

    private static string Number(JsonElement r, string name) => r.TryGetProperty(name, out var value) ? value.GetRawText() : "?";

    private static string? Text(JsonElement r, string name) => AuditReadCommands.Text(r, name);
}
