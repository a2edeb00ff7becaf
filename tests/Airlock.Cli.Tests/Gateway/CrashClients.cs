using System.Text;
using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>
/// The crash test's HTTP clients for one life of the server (its port changes on each restart). Every
/// answer is recorded in the ledger; a request whose connection died is counted as unknown. Counting
/// answers is what places the kill: the point fires after a chosen number of them, mid-burst however
/// fast or slow the machine is.
/// </summary>
internal sealed class CrashClients : IDisposable
{
    private readonly HttpClient _agent;
    private readonly HttpClient[] _approvers;
    private readonly string[] _approverNames;
    private readonly CrashLedger _ledger;
    private readonly int _killAfter;
    private readonly TaskCompletionSource _killPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _answered;
    private int _unknown;
    private int _killed;

    public CrashClients(GatewayProcess gateway, string agentToken, IReadOnlyList<(string Name, string Token)> approvers, CrashLedger ledger, int killAfter = int.MaxValue)
    {
        _agent = gateway.Client(agentToken);
        _approvers = [.. approvers.Select(a => gateway.Client(a.Token))];
        _approverNames = [.. approvers.Select(a => a.Name)];
        _ledger = ledger;
        _killAfter = killAfter;
    }

    /// <summary>Completes once <c>killAfter</c> requests have been answered.</summary>
    public Task KillPoint => _killPoint.Task;

    public CrashLedger Ledger => _ledger;

    public int Approvers => _approvers.Length;

    public int Answered => Volatile.Read(ref _answered);

    public int Unknown => Volatile.Read(ref _unknown);

    /// <summary>Set just before the SIGKILL: from then on a failed request is the crash, not a fault.</summary>
    public void MarkKilled() => Volatile.Write(ref _killed, 1);

    /// <summary>The agent's <c>POST /v1/decide</c> for a shell command; null when the answer was lost.</summary>
    public async Task<AcknowledgedDecision?> DecideAsync(string command)
    {
        if (await SendAsync(_agent, HttpMethod.Post, "v1/decide", GatewayJson.Shell(command)) is not (int status, var body))
        {
            return null;
        }

        if (status != 200 || body is null)
        {
            _ledger.Violation($"decide '{command}' answered {status}: {body?.ToJsonString()}");
            return null;
        }

        var approval = body["approval"];
        var decision = new AcknowledgedDecision(
            body["decision_id"]!.GetValue<string>(),
            command,
            body["decision"]!.GetValue<string>(),
            body["reason_code"]!.GetValue<string>(),
            approval?["id"]?.GetValue<string>(),
            approval?["status"]?.GetValue<string>());
        _ledger.Decided(decision);
        return decision;
    }

    /// <summary>An approver's vote; the status code (200 approved, 409 decided already), or null when the answer was lost.</summary>
    public async Task<int?> ApproveAsync(int approver, string approvalId)
    {
        _ledger.VoteSent(approvalId);
        var body = new JsonObject { ["reason"] = "crash test" };
        if (await SendAsync(_approvers[approver], HttpMethod.Post, $"v1/approvals/{approvalId}/approve", body) is not (int status, var answer))
        {
            return null;
        }

        if (status == 200)
        {
            var approved = answer?["status"]?.GetValue<string>();
            if (approved == "approved")
            {
                _ledger.Approved(approvalId, _approverNames[approver]);
            }
            else
            {
                _ledger.Violation($"{_approverNames[approver]}'s vote on {approvalId} answered 200 with status {approved}, not approved");
            }
        }
        else if (status != 409)
        {
            _ledger.Violation($"{_approverNames[approver]}'s vote on {approvalId} answered {status}: {answer?.ToJsonString()}");
        }

        return status;
    }

    /// <summary>The request's status as an approver reads it, or null when it could not be read.</summary>
    public async Task<string?> StatusAsync(string approvalId)
    {
        if (await SendAsync(_approvers[0], HttpMethod.Get, $"v1/approvals/{approvalId}", null) is not (int status, var body))
        {
            return null;
        }

        if (status != 200)
        {
            _ledger.Violation($"GET {approvalId} answered {status}: {body?.ToJsonString()}");
            return null;
        }

        return body?["status"]?.GetValue<string>();
    }

    public void Dispose()
    {
        _agent.Dispose();
        foreach (var approver in _approvers)
        {
            approver.Dispose();
        }
    }

    private async Task<(int Status, JsonNode? Body)?> SendAsync(HttpClient client, HttpMethod method, string path, JsonNode? body)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (Interlocked.Increment(ref _answered) >= _killAfter)
            {
                _killPoint.TrySetResult();
            }

            return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref _unknown);
            if (Volatile.Read(ref _killed) == 0)
            {
                _ledger.Violation($"{method} {path} failed while the gateway was up: {e.GetType().Name}: {e.Message}");
            }

            return null;
        }
    }
}
