using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Airlock.Cli.Tests.Gateway;

namespace Airlock.Cli.Tests.Dashboard;

/// <summary><c>GET /v1/events</c> on a real gateway: the audit log as server-sent events.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task StreamAndRecords_LeaveOutOtherTenants_AndTheStreamResumesAfterLastEventId()
    {
        using var gateway = GatewayProcess.Start();
        using var admin = gateway.Client(gateway.AdminToken);
        var otherTenant = GatewayJson.Post(admin, "v1/tokens", new JsonObject { ["role"] = "agent", ["name"] = "other-bot", ["tenant"] = "other" }).Body!["token"]!.GetValue<string>();
        using var ours = gateway.Client(gateway.CreateToken("agent", "our-bot"));
        using var theirs = gateway.Client(otherTenant);
        var alice = gateway.CreateToken("approver", "alice");

        var before = GatewayJson.Post(ours, "v1/decide", GatewayJson.Shell("ls -la", session: "before")).Body!["decision_id"]!.GetValue<string>();
        GatewayJson.Post(theirs, "v1/decide", GatewayJson.Shell("cat README.md", session: "theirs"));
        var after = GatewayJson.Post(ours, "v1/decide", GatewayJson.Shell("git status", session: "after")).Body!["decision_id"]!.GetValue<string>();

        // From the start of the log: both of our decisions, in order, and nothing of the other tenant.
        var events = await ReadEventsAsync(gateway, alice, lastEventId: "0", until: e => e.Data.Contains(after, StringComparison.Ordinal));
        var decisions = events.Where(e => e.Data.Contains("\"type\":\"decision\"", StringComparison.Ordinal)).ToList();
        Assert.Equal([before, after], decisions.Select(e => JsonNode.Parse(e.Data)!["record"]!["decision_id"]!.GetValue<string>()));
        Assert.DoesNotContain(events, e => e.Data.Contains("theirs", StringComparison.Ordinal) || e.Data.Contains("\"tenant\":\"other\"", StringComparison.Ordinal));
        Assert.All(events, e => Assert.Equal(JsonNode.Parse(e.Data)!["seq"]!.GetValue<long>() + 1, long.Parse(e.Id, System.Globalization.CultureInfo.InvariantCulture)));

        using (var reader = gateway.Client(alice))
        {
            var records = GatewayJson.AuditRecords(reader, "decision");
            Assert.Equal(2, records.Count);
            Assert.All(records, r => Assert.Equal("default", r["tenant"]!.GetValue<string>()));
        }

        // Resuming after the first decision's event starts with what followed it (the other tenant's decision still left out).
        var resumeFrom = decisions[0].Id;
        var resumed = await ReadEventsAsync(gateway, alice, resumeFrom, until: e => e.Data.Contains(after, StringComparison.Ordinal));
        Assert.DoesNotContain(resumed, e => e.Data.Contains(before, StringComparison.Ordinal) && e.Data.Contains("\"type\":\"decision\"", StringComparison.Ordinal));
        Assert.All(resumed, e => Assert.True(JsonNode.Parse(e.Data)!["seq"]!.GetValue<long>() >= long.Parse(resumeFrom, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Stream_IsForApproversAndAdmins_NotAgents()
    {
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var response = await agent.GetAsync("v1/events");
        Assert.Equal(403, (int)response.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = gateway.Url };
        using var refused = await anonymous.GetAsync("v1/events");
        Assert.Equal(401, (int)refused.StatusCode);
    }

    private static async Task<List<(string Id, string Data)>> ReadEventsAsync(GatewayProcess gateway, string token, string lastEventId, Func<(string Id, string Data), bool> until)
    {
        using var client = gateway.Client(token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/events");
        request.Headers.Add("Last-Event-ID", lastEventId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);
        var events = new List<(string Id, string Data)>();
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (type == "record" && id is not null)
                {
                    var parsed = (id, data.ToString());
                    events.Add(parsed);
                    if (until(parsed))
                    {
                        return events;
                    }
                }

                (id, type) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }

        throw new InvalidOperationException("The stream ended before the expected event.");
    }
}
