using System.Globalization;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>
/// Crash safety of the gateway: SIGKILL a real <c>airlock serve</c> at a random point of a burst of
/// approvals and grant consumptions, restart it on the same data, and check what the clients were told
/// against what the server says and what the SQLite file holds. No grant is consumed twice; nothing
/// that was acknowledged is lost; pending requests stay pending; expiries that passed while the server
/// was down are enforced when it comes back.
/// </summary>
public sealed class GatewayCrashTests(ITestOutputHelper output)
{
    // Bounded so the whole test stays well under a minute on a two-core machine.
    private const int Rounds = 8;
    private const int Workers = 4;
    private const int IdenticalRetries = 3;
    private const int ItemsPerWorker = 40;
    private const int MinKillAfter = 10;
    private const int MaxKillAfter = 300;
    private const string ProdDatabase = "postgres://db.prod.example.com/app";

    private static readonly TimeSpan BurstLimit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SweepLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A short pending expiry on DROP and a short grant on TRUNCATE, set per rule so each expiry can be
    /// told apart from the other.
    /// </summary>
    private const string ExpiryPolicy = """
        version: 1
        rules:
          - id: crash-test-request-expires
            kind: [database.drop]
            outcome: approve
            reason_code: production_destructive
            expires: 2s
          - id: crash-test-grant-expires
            kind: [database.truncate]
            outcome: approve
            reason_code: production_destructive
            grant_ttl: 2s
        """;

    private int _table;

    [Fact]
    public async Task Gateway_SigkilledDuringApprovalsAndGrantConsumptions_NoGrantIsConsumedTwiceAndNothingAcknowledgedIsLost()
    {
        var seed = Seed();
        var random = new Random(seed);
        var context = $"seed {seed} (rerun with AIRLOCK_CRASH_SEED={seed}; the seed fixes the kill points and each worker's choices, not the thread interleaving)";
        output.WriteLine(context);
        var ledger = new CrashLedger();
        using var gateway = GatewayProcess.Start();
        var agent = gateway.CreateToken("agent", "crash-agent");
        (string Name, string Token)[] approvers = [("alice", gateway.CreateToken("approver", "alice")), ("bob", gateway.CreateToken("approver", "bob"))];

        for (var round = 1; round <= Rounds; round++)
        {
            var killAfter = random.Next(MinKillAfter, MaxKillAfter);
            var workerSeeds = Enumerable.Range(0, Workers).Select(_ => random.Next()).ToArray();
            int answered, unknown;
            bool midBurst;
            using (var clients = new CrashClients(gateway, agent, approvers, ledger, killAfter))
            {
                var burst = Task.WhenAll(workerSeeds.Select(s => Task.Run(() => WorkAsync(clients, new Random(s)))));
                midBurst = await Task.WhenAny(clients.KillPoint, burst) != burst;
                clients.MarkKilled();
                gateway.Kill();
                await burst.WaitAsync(BurstLimit);
                (answered, unknown) = (clients.Answered, clients.Unknown);
            }

            gateway.Restart();
            using (var clients = new CrashClients(gateway, agent, approvers, ledger))
            {
                await CheckAfterRestartAsync(clients, ledger);
            }

            var database = CheckDatabase(gateway, ledger);
            output.WriteLine($"round {round}: SIGKILL after {killAfter} answers ({(midBurst ? "mid-burst" : "after the burst had ended")}); {answered} answered, {unknown} lost to the kill; database: {database}");
            var violations = ledger.Violations;
            Assert.True(violations.Count == 0, $"{context}, round {round}, SIGKILL after {killAfter} answers:\n" + string.Join('\n', violations));
        }

        output.WriteLine($"{ledger.Decisions.Count} decisions acknowledged, {ledger.ApprovedIds.Count} approvals acknowledged, {ledger.Granted.Count} grants consumed as acknowledged");
    }

    [Fact]
    public async Task Gateway_RestartedAfterExpiriesPassedWhileCrashed_EnforcesThem()
    {
        using var gateway = GatewayProcess.Start(policy: ExpiryPolicy);
        var agent = gateway.CreateToken("agent", "crash-agent");
        (string Name, string Token)[] approvers = [("alice", gateway.CreateToken("approver", "alice"))];
        var ledger = new CrashLedger();
        var drop = $"psql {ProdDatabase} -c \"DROP TABLE expiring\"";
        var truncate = $"psql {ProdDatabase} -c \"TRUNCATE granted\"";
        string pendingId, approvedId;
        DateTimeOffset deadline;
        using (var clients = new CrashClients(gateway, agent, approvers, ledger))
        {
            var pending = await clients.DecideAsync(drop);
            Assert.True(pending is { Decision: "approve", ApprovalStatus: "pending" }, $"{pending}");
            var approved = await clients.DecideAsync(truncate);
            Assert.True(approved is { Decision: "approve", ApprovalStatus: "pending" }, $"{approved}");
            (pendingId, approvedId) = (pending.ApprovalId!, approved.ApprovalId!);
            Assert.Equal(200, await clients.ApproveAsync(0, approvedId));
            Assert.Empty(ledger.Violations);
            deadline = new[] { ReadTime(gateway, "SELECT expires_at FROM approvals WHERE id = $id", pendingId), ReadTime(gateway, "SELECT expires_at FROM grants WHERE approval_id = $id", approvedId) }.Max();
        }

        gateway.Kill();
        // The expiries must pass while the gateway is down, so this waits for the clock itself, up to the later deadline the gateway stored.
        var remaining = deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        gateway.Restart();
        using (var clients = new CrashClients(gateway, agent, approvers, ledger))
        {
            Assert.Equal("expired", await clients.StatusAsync(pendingId));
            Assert.Equal("expired", await clients.StatusAsync(approvedId));
            Assert.Equal(409, await clients.ApproveAsync(0, pendingId));

            var again = await clients.DecideAsync(drop);
            Assert.True(again is { Decision: "approve", ApprovalStatus: "pending" } && again.ApprovalId != pendingId, $"the identical call after its request expired answered {again}");
            var retried = await clients.DecideAsync(truncate);
            Assert.True(retried is { Decision: "approve", ApprovalStatus: "pending" } && retried.ApprovalId != approvedId, $"the identical call after its grant expired answered {retried}");
            Assert.Empty(ledger.Violations);
        }

        // The sweeper catches up after the restart: the stored state says expired too, and the expired grant was never used.
        var swept = await EventuallyAsync(() => StoredStatus(gateway, pendingId) == "expired" && StoredStatus(gateway, approvedId) == "expired", SweepLimit);
        Assert.True(swept, $"after {SweepLimit.TotalSeconds} s the stored statuses are {StoredStatus(gateway, pendingId)} and {StoredStatus(gateway, approvedId)}");
        Assert.Equal(0L, Count(gateway, "SELECT count(*) FROM grants WHERE approval_id = $id AND consumed_at IS NOT NULL", approvedId));
        Assert.Equal(0L, Count(gateway, "SELECT count(*) FROM decisions WHERE approval_id = $id AND reason_code = 'approval_granted'", approvedId));
    }

    /// <summary>
    /// One worker of the burst: a fresh destructive command, its pending request, both approvers voting
    /// at once (one may win), then the agent's identical retry from several clients at once (one may
    /// consume the grant). Some requests are left pending, and some harmless calls go through the
    /// group-committed decision path. Stops at the first lost answer: the server is gone.
    /// </summary>
    private async Task WorkAsync(CrashClients clients, Random random)
    {
        for (var i = 0; i < ItemsPerWorker; i++)
        {
            if (random.Next(3) == 0 && await clients.DecideAsync("git status") is null)
            {
                return;
            }

            var command = $"psql {ProdDatabase} -c \"DROP TABLE t{Interlocked.Increment(ref _table)}\"";
            if (await clients.DecideAsync(command) is not { } created)
            {
                return;
            }

            if (created is not { Decision: "approve", ApprovalStatus: "pending", ApprovalId: { } id })
            {
                clients.Ledger.Violation($"a new destructive command answered {created}, not a new pending request");
                continue;
            }

            if (random.Next(4) == 0)
            {
                continue;
            }

            var votes = await Task.WhenAll(Enumerable.Range(0, clients.Approvers).Select(a => clients.ApproveAsync(a, id)));
            if (votes.Any(v => v is null))
            {
                return;
            }

            if (votes.Count(v => v == 200) != 1)
            {
                clients.Ledger.Violation($"the votes on {id} answered {string.Join(", ", votes)}: exactly one approval should win");
            }

            var retries = await Task.WhenAll(Enumerable.Range(0, IdenticalRetries).Select(_ => clients.DecideAsync(command)));
            foreach (var retry in retries.OfType<AcknowledgedDecision>())
            {
                if (retry.IsGrant ? retry.ApprovalId != id : retry.Decision != "approve" || retry.ApprovalId == id)
                {
                    clients.Ledger.Violation($"the identical call after {id} was approved answered {retry}: expected its grant, or a new request once the grant was used");
                }
            }

            if (retries.Any(r => r is null))
            {
                return;
            }

            if (retries.Count(r => r!.IsGrant) != 1)
            {
                clients.Ledger.Violation($"{IdenticalRetries} identical calls after {id} was approved consumed its grant {retries.Count(r => r!.IsGrant)} times, not once");
            }
        }
    }

    /// <summary>
    /// Through the API after a restart: acknowledged approvals and grants are still there, untouched
    /// pending requests are still pending (and the identical call still finds them), and an approval
    /// committed before the kill whose grant was not used can still be used, once.
    /// </summary>
    private static async Task CheckAfterRestartAsync(CrashClients clients, CrashLedger ledger)
    {
        var granted = ledger.Granted;
        foreach (var id in ledger.ApprovedIds)
        {
            var status = await clients.StatusAsync(id);
            if (status is not ("approved" or "consumed"))
            {
                ledger.Violation($"{id} was acknowledged as approved, but after the restart it is {status}");
            }
        }

        foreach (var (id, decision) in granted)
        {
            var status = await clients.StatusAsync(id);
            if (status != "consumed")
            {
                ledger.Violation($"{id}'s grant was acknowledged as consumed by {decision}, but after the restart the request is {status}");
            }
        }

        var untouched = ledger.UntouchedPending;
        foreach (var id in untouched)
        {
            var status = await clients.StatusAsync(id);
            if (status != "pending")
            {
                ledger.Violation($"{id} was pending and no approver was asked, but after the restart it is {status}");
            }
        }

        var commands = ledger.Commands;
        foreach (var id in untouched.Take(3))
        {
            var again = await clients.DecideAsync(commands[id]);
            if (again is not { Decision: "approve", ApprovalStatus: "pending" } || again.ApprovalId != id)
            {
                ledger.Violation($"after the restart the identical call for the pending {id} answered {again}, not the same pending request");
            }
        }

        foreach (var (id, command) in commands.Where(c => !granted.ContainsKey(c.Key)))
        {
            if (await clients.StatusAsync(id) == "approved" && await clients.DecideAsync(command) is { } retry && (!retry.IsGrant || retry.ApprovalId != id))
            {
                ledger.Violation($"{id} is approved with an unused grant after the restart, but the identical call answered {retry}");
            }
        }
    }

    /// <summary>
    /// The SQLite file itself, read-only and in one snapshot: each grant has at most one consumer, which
    /// is an approval_granted decision recorded in the same transaction; statuses agree with grants; and
    /// every acknowledged answer is there as it was answered. Returns a one-line summary.
    /// </summary>
    private static string CheckDatabase(GatewayProcess gateway, CrashLedger ledger)
    {
        using var connection = OpenReadOnly(gateway);
        using var snapshot = connection.BeginTransaction(deferred: true);
        List<T> Query<T>(string sql, Func<SqliteDataReader, T> read) => Rows(connection, sql, read, transaction: snapshot);
        var approvals = Query("SELECT id, status FROM approvals", r => (Id: r.GetString(0), Status: r.GetString(1))).ToDictionary(a => a.Id, a => a.Status, StringComparer.Ordinal);
        var grants = Query("SELECT approval_id, consumed_at, consumed_by FROM grants", r => (Approval: r.GetString(0), Consumed: !r.IsDBNull(1), By: r.IsDBNull(2) ? null : r.GetString(2)))
            .ToDictionary(g => g.Approval, StringComparer.Ordinal);
        var decisions = Query("SELECT id, outcome, reason_code, approval_id FROM decisions", r => (Id: r.GetString(0), Outcome: r.GetString(1), Reason: r.GetString(2), Approval: r.IsDBNull(3) ? null : r.GetString(3)))
            .ToDictionary(d => d.Id, StringComparer.Ordinal);
        var approveVotes = Query("SELECT approval_id, count(*) FROM approval_votes WHERE vote = 'approve' GROUP BY approval_id", r => (Approval: r.GetString(0), Count: r.GetInt64(1)))
            .ToDictionary(v => v.Approval, v => v.Count, StringComparer.Ordinal);
        var integrity = Query("PRAGMA integrity_check", r => r.GetString(0)).ToList();
        if (integrity is not ["ok"])
        {
            ledger.Violation("integrity_check: " + string.Join("; ", integrity));
        }

        foreach (var spent in decisions.Values.Where(d => d.Reason == "approval_granted").GroupBy(d => d.Approval ?? "(none)", StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            ledger.Violation($"the database records {spent.Count()} approval_granted decisions for {spent.Key}: {string.Join(", ", spent.Select(d => d.Id))}");
        }

        foreach (var decision in decisions.Values.Where(d => d.Reason == "approval_granted"))
        {
            if (decision.Outcome != "allow" || decision.Approval is null || !grants.TryGetValue(decision.Approval, out var grant) || grant.By != decision.Id)
            {
                ledger.Violation($"the approval_granted decision {decision.Id} ({decision.Outcome}, {decision.Approval}) is not the recorded consumer of its approval's grant");
            }
        }

        foreach (var grant in grants.Values)
        {
            var status = approvals.GetValueOrDefault(grant.Approval);
            if (grant.Consumed != (grant.By is not null))
            {
                ledger.Violation($"the grant of {grant.Approval} has consumed_at and consumed_by out of step (consumed: {grant.Consumed}, by: {grant.By})");
            }

            if (grant.By is { } by && decisions.GetValueOrDefault(by) is not { Reason: "approval_granted" })
            {
                ledger.Violation($"the grant of {grant.Approval} was consumed by {by}, which is not an approval_granted decision in the database");
            }

            if (grant.Consumed != (status == "consumed"))
            {
                ledger.Violation($"{grant.Approval} is {status} but its grant is {(grant.Consumed ? "consumed" : "unused")}");
            }

            if (approveVotes.GetValueOrDefault(grant.Approval) < 1)
            {
                ledger.Violation($"{grant.Approval} has a grant but no approve vote");
            }
        }

        foreach (var (id, status) in approvals.Where(a => a.Value is "approved" or "consumed" or "pending"))
        {
            if ((status == "pending") == grants.ContainsKey(id))
            {
                ledger.Violation($"{id} is {status} but {(grants.ContainsKey(id) ? "has" : "has no")} grant");
            }
        }

        foreach (var acknowledged in ledger.Decisions)
        {
            if (!decisions.TryGetValue(acknowledged.Id, out var stored))
            {
                ledger.Violation($"the acknowledged decision {acknowledged.Id} ({acknowledged.Decision} for '{acknowledged.Command}') is not in the database");
            }
            else if (stored.Outcome != acknowledged.Decision || stored.Reason != acknowledged.ReasonCode || stored.Approval != acknowledged.ApprovalId)
            {
                ledger.Violation($"the acknowledged decision {acknowledged.Id} was answered {acknowledged.Decision}/{acknowledged.ReasonCode}/{acknowledged.ApprovalId} but is stored as {stored.Outcome}/{stored.Reason}/{stored.Approval}");
            }

            if (acknowledged.ApprovalId is { } approval && !approvals.ContainsKey(approval))
            {
                ledger.Violation($"the acknowledged decision {acknowledged.Id} names {approval}, which is not in the database");
            }
        }

        foreach (var (approval, decision) in ledger.Granted)
        {
            if (grants.GetValueOrDefault(approval).By != decision)
            {
                ledger.Violation($"{approval}'s grant was acknowledged as consumed by {decision}, but the database says {grants.GetValueOrDefault(approval).By ?? "unused"}");
            }
        }

        foreach (var approval in ledger.ApprovedIds)
        {
            if (approvals.GetValueOrDefault(approval) is not ("approved" or "consumed"))
            {
                ledger.Violation($"{approval} was acknowledged as approved, but the database says {approvals.GetValueOrDefault(approval) ?? "nothing"}");
            }
        }

        foreach (var approval in ledger.UntouchedPending)
        {
            if (approvals.GetValueOrDefault(approval) != "pending" || approveVotes.ContainsKey(approval))
            {
                ledger.Violation($"{approval} was pending and no approver was asked, but the database says {approvals.GetValueOrDefault(approval) ?? "nothing"}");
            }
        }

        var byStatus = string.Join(", ", approvals.GroupBy(a => a.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        return $"{decisions.Count} decisions, approvals {byStatus}, {grants.Values.Count(g => g.Consumed)} grants consumed";
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!condition())
        {
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }

        return true;
    }

    private static string? StoredStatus(GatewayProcess gateway, string approvalId)
    {
        using var connection = OpenReadOnly(gateway);
        return Rows(connection, "SELECT status FROM approvals WHERE id = $id", r => r.GetString(0), approvalId).SingleOrDefault();
    }

    private static DateTimeOffset ReadTime(GatewayProcess gateway, string sql, string approvalId)
    {
        using var connection = OpenReadOnly(gateway);
        return DateTimeOffset.FromUnixTimeMilliseconds(Rows(connection, sql, r => r.GetInt64(0), approvalId).Single());
    }

    private static long Count(GatewayProcess gateway, string sql, string approvalId)
    {
        using var connection = OpenReadOnly(gateway);
        return Rows(connection, sql, r => r.GetInt64(0), approvalId).Single();
    }

    /// <summary>Read-only and unpooled: the server keeps writing in WAL mode, and the test must not hold the file.</summary>
    private static SqliteConnection OpenReadOnly(GatewayProcess gateway)
    {
        var path = Path.Combine(gateway.DataDirectory, "airlock.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, string? id = null, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("AIRLOCK_CRASH_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : Random.Shared.Next();
}
