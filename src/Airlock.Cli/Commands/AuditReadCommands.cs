using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Airlock.Cli.Gateway;

namespace Airlock.Cli.Commands;

/// <summary><c>airlock audit tail|query|replay</c>: the audit log as a person reads it, from the gateway.</summary>
internal static class AuditReadCommands
{
    public static Command Tail()
    {
        var connection = new GatewayConnectionOptions();
        var lines = new Option<int>("-n", "--lines") { Description = "How many of the newest records to show (default 20).", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new records as they are written (Ctrl-C stops)." };
        var command = new Command("tail", "Show the newest audit records, and with --follow every new one.");
        connection.AddTo(command);
        command.Options.Add(lines);
        command.Options.Add(follow);
        command.SetAction((result, cancellationToken) => Task.FromResult(GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var json = result.GetValue(connection.Json);
            var next = Print(client, $"v1/audit/records?tail={Math.Max(0, result.GetValue(lines))}&limit=10000", output, json, -1);
            while (result.GetValue(follow) && !cancellationToken.IsCancellationRequested)
            {
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                next = Print(client, $"v1/audit/records?from_seq={next + 1}&limit=10000", output, json, next);
            }

            return 0;
        })));
        return command;
    }

    public static Command Query()
    {
        var connection = new GatewayConnectionOptions();
        var session = new Option<string?>("--session") { Description = "Only this agent session." };
        var agent = new Option<string?>("--agent") { Description = "Only this agent." };
        var outcome = new Option<string?>("--outcome") { Description = "Only this outcome (allow, deny, approve, ask; or an execution status)." };
        var reason = new Option<string?>("--reason") { Description = "Only this reason code." };
        var type = new Option<string?>("--type") { Description = "Only this record type (decision, approval.approved, execution…)." };
        var since = new Option<string?>("--since") { Description = "From this time (2026-11-22T10:00:00Z)." };
        var until = new Option<string?>("--until") { Description = "Before this time." };
        var limit = new Option<int>("--limit") { Description = "At most this many records (default 1000).", DefaultValueFactory = _ => 1000 };
        var command = new Command("query", "Find audit records by session, agent, outcome, reason code, type and time.");
        connection.AddTo(command);
        foreach (var option in new Option[] { session, agent, outcome, reason, type, since, until, limit })
        {
            command.Options.Add(option);
        }

        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var query = new StringBuilder($"v1/audit/records?limit={result.GetValue(limit)}");
            Append(query, "session", result.GetValue(session));
            Append(query, "agent", result.GetValue(agent));
            Append(query, "outcome", result.GetValue(outcome));
            Append(query, "reason_code", result.GetValue(reason));
            Append(query, "type", result.GetValue(type));
            query.Append(AuditCommand.Range("unused", "since", result.GetValue(since)));
            query.Append(AuditCommand.Range("unused", "until", result.GetValue(until)));
            Print(client, query.ToString(), output, result.GetValue(connection.Json), -1);
            return 0;
        }));
        return command;
    }

    public static Command Replay()
    {
        var connection = new GatewayConnectionOptions();
        var session = new Argument<string>("session") { Description = "The agent session to replay." };
        var command = new Command("replay", "The timeline of one agent session: each call, what Airlock understood and decided, who approved, what ran.");
        connection.AddTo(command);
        command.Arguments.Add(session);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var records = Fetch(client, $"v1/audit/records?session={Uri.EscapeDataString(result.GetValue(session)!)}&limit=10000");
            if (result.GetValue(connection.Json))
            {
                records.ForEach(r => output.WriteLine(r.GetRawText()));
                return 0;
            }

            if (records.Count == 0)
            {
                output.WriteLine($"No audit records for session {result.GetValue(session)}.");
                return 0;
            }

            output.WriteLine($"Session {result.GetValue(session)}: {records.Count} records, agent {Text(records[0], "agent")}, client {Text(records[0], "client") ?? "?"}");
            foreach (var line in records.Select(AuditTimeline.Describe))
            {
                output.WriteLine(line);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Prints records and returns the highest sequence number printed (or <paramref name="last"/>).</summary>
    private static long Print(GatewayClient client, string path, TextWriter output, bool json, long last)
    {
        foreach (var record in Fetch(client, path))
        {
            output.WriteLine(json ? record.GetRawText() : AuditTimeline.Line(record));
            last = Math.Max(last, record.GetProperty("seq").GetInt64());
        }

        output.Flush();
        return last;
    }

    private static List<JsonElement> Fetch(GatewayClient client, string path)
    {
        using var buffer = new MemoryStream();
        client.Download(path, buffer);
        var records = new List<JsonElement>();
        foreach (var line in Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            records.Add(document.RootElement.GetProperty("record").Clone());
        }

        return records;
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Append(CultureInfo.InvariantCulture, $"&{name}={Uri.EscapeDataString(value)}");
        }
    }

    internal static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
