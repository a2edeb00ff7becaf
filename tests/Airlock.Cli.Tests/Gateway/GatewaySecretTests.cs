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

    [Fact]
    public void AuditTrail_HoldsNoSecret_OfAnyCommonKind_AndSaysWhereItRedacted()
    {
        string[] secrets =
        [
            "Sup3r-s3cret-pw",
            "ghp_0123456789abcdefghijABCDEFGHIJ012345",
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "sk_live_51H8abcdEFGHijklMNOPqrstUVWX",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU",
            "glpat-AbCdEfGhIjKlMnOpQrSt",
        ];
        using var gateway = GatewayProcess.Start();
        var approver = gateway.CreateToken("approver", "alice");
        using var agent = gateway.Client(gateway.CreateToken("agent", "bot"));
        var calls = new[]
        {
            GatewayJson.Shell("ls -la"),
            GatewayJson.Shell($"psql \"postgres://admin:{secrets[0]}@db.prod.example.com/app\" -c \"DROP TABLE sessions\""),
            GatewayJson.Shell($"GITHUB_TOKEN={secrets[1]} gh repo delete acme/site --yes"),
            GatewayJson.Shell($"AWS_ACCESS_KEY_ID={secrets[2]} AWS_SECRET_ACCESS_KEY={secrets[3]} aws s3 rb s3://prod-backups --force"),
            GatewayJson.Shell($"curl -u {secrets[4]}: -X POST https://api.stripe.com/v1/refunds -d charge=ch_1"),
            GatewayJson.Shell($"curl -H 'Authorization: Bearer {secrets[5]}' https://slack.com/api/chat.postMessage"),
            GatewayJson.Shell($"curl -H 'Authorization: Bearer {secrets[6]}' -X DELETE https://api.example.com/v1/volumes/v1"),
            new System.Text.Json.Nodes.JsonObject
            {
                ["tool"] = "mcp__gitlab__create_issue",
                ["input"] = new System.Text.Json.Nodes.JsonObject { ["private_token"] = secrets[7], ["title"] = "x", ["password"] = secrets[0] },
                ["session"] = "s1",
            },
        };
        string? decisionId = null;
        foreach (var call in calls)
        {
            var answer = GatewayJson.Post(agent, "v1/decide", call).Body!;
            if (answer["decision"]!.GetValue<string>() == "allow")
            {
                decisionId ??= answer["decision_id"]!.GetValue<string>();
            }
        }

        var reported = GatewayJson.Post(agent, "v1/executions", new System.Text.Json.Nodes.JsonObject { ["decision_id"] = decisionId!, ["status"] = "failed", ["detail"] = $"error: auth token {secrets[1]} rejected" });
        Assert.Equal(201, reported.Status);

        var bundle = Path.Combine(gateway.DataDirectory, "bundle.jsonl");
        var siem = Path.Combine(gateway.DataDirectory, "events.jsonl");
        foreach (var (format, path) in new[] { ("bundle", bundle), ("ocsf", siem) })
        {
            var export = AirlockProcess.Run(["audit", "export", "--format", format, "-o", path, "--server", gateway.Url.ToString(), "--token", approver]);
            Assert.True(export.ExitCode == 0, export.Stdout + export.Stderr);
        }

        var exported = File.ReadAllText(bundle) + File.ReadAllText(siem);
        Assert.Contains("\"redactions\":[{\"path\":\"$.input.command\"", exported, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"$.input.private_token\"", exported, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"$.detail\"", exported, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, exported, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, DatabaseText(gateway), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, gateway.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Every text value in every table of the gateway's database, read while it runs (WAL allows it).</summary>
    private static string DatabaseText(GatewayProcess gateway)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "airlock.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var text = new System.Text.StringBuilder();
        foreach (var table in (string[])["decisions", "approvals", "approval_votes", "grants", "idempotency_keys", "tokens", "settings", "executions", "audit_records", "audit_checkpoints", "audit_keys"])
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
