using Microsoft.Data.Sqlite;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>No secret in a command reaches the gateway's records, answers to approvers, or logs.</summary>
public sealed class GatewaySecretTests
{
    [Fact]
    public void CommandWithSecrets_IsStoredAndShownRedacted_ButTheGrantStillMatchesTheExactCommand()
    {
        const string Password = "Sup3r-s3cret-pw";
        const string GitHubToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var command = $"""PGPASSWORD={Password} psql "postgres://admin:{Password}@db.prod.example.com/app" -c "DROP TABLE sessions" && curl -H "Authorization: token {GitHubToken}" https://api.github.com/user""";
        using var gateway = GatewayProcess.Start();
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        using var alice = gateway.Client(gateway.CreateToken("approver", "alice"));

        var decided = GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell(command)).Body!;
        var id = decided["approval"]!["id"]!.GetValue<string>();
        var shown = GatewayJson.Get(alice, $"v1/approvals/{id}").Body!.ToJsonString();
        Assert.Contains("[REDACTED:", shown, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE sessions", shown, StringComparison.Ordinal);
        Assert.Equal(200, GatewayJson.Post(alice, $"v1/approvals/{id}/approve", new System.Text.Json.Nodes.JsonObject()).Status);
        Assert.Equal("allow", GatewayJson.Post(agent, "v1/decide", GatewayJson.Shell(command)).Body!["decision"]!.GetValue<string>());

        foreach (var secret in (string[])[Password, GitHubToken])
        {
            Assert.DoesNotContain(secret, decided.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, gateway.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, DatabaseText(gateway), StringComparison.Ordinal);
        }
    }

    /// <summary>Every text value in every table of the gateway's database, read while it runs (WAL allows it).</summary>
    private static string DatabaseText(GatewayProcess gateway)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "airlock.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var text = new System.Text.StringBuilder();
        foreach (var table in (string[])["decisions", "approvals", "approval_votes", "grants", "idempotency_keys", "tokens", "settings"])
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetValue(i)).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
