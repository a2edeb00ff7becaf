using System.Text.Json;
using Airlock.Redaction;
using static Airlock.Tests.Redaction.FakeSecrets;

namespace Airlock.Tests.Redaction;

public sealed class RedactJsonTests
{
    [Fact]
    public void RedactJson_SecretInToolCommand_RedactsTheStringAndNotesItsPath()
    {
        var input = Parse($$$"""{"tool": "Bash", "input": {"command": "curl -H 'Authorization: Bearer {{{Opaque}}}' https://api.example.test"}}""");

        var (redacted, notes) = SecretRedactor.RedactJson(input);

        Assert.Equal("curl -H 'Authorization: Bearer [REDACTED:bearer_token]' https://api.example.test", redacted.GetProperty("input").GetProperty("command").GetString());
        Assert.Equal("Bash", redacted.GetProperty("tool").GetString());
        Assert.Equal([new RedactionNote("$.input.command", "bearer_token")], notes);
    }

    [Fact]
    public void RedactJson_SecretNamedMembers_ReplaceTheWholeValue()
    {
        var input = Parse($$$"""
            {
              "headers": {"Authorization": "Bearer {{{Opaque}}}", "Accept": "application/json", "X-Api-Key": "{{{Opaque}}}"},
              "db": {"host": "db", "password": "hunter22", "port": 5432},
              "items": [{"id": 1}, {"id": 2}, {"token": "{{{GitHub}}}"}],
              "aws": {"SecretAccessKey": "{{{AwsSecret}}}", "Credentials": {"user": "bob", "pass": "x"}},
              "pin": 1234,
              "passwordHash": 98765
            }
            """);

        var (redacted, notes) = SecretRedactor.RedactJson(input);

        Assert.Equal("[REDACTED:bearer_token]", redacted.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("application/json", redacted.GetProperty("headers").GetProperty("Accept").GetString());
        Assert.Equal("[REDACTED:password]", redacted.GetProperty("db").GetProperty("password").GetString());
        Assert.Equal(5432, redacted.GetProperty("db").GetProperty("port").GetInt32());
        Assert.Equal("[REDACTED:github_token]", redacted.GetProperty("items")[2].GetProperty("token").GetString());
        Assert.Equal("[REDACTED:secret]", redacted.GetProperty("aws").GetProperty("Credentials").GetString());
        Assert.Equal(98765, redacted.GetProperty("passwordHash").GetInt32());
        Assert.Equal(
            [
                new RedactionNote("$.headers.Authorization", "bearer_token"),
                new RedactionNote("$.headers['X-Api-Key']", "secret"),
                new RedactionNote("$.db.password", "password"),
                new RedactionNote("$.items[2].token", "github_token"),
                new RedactionNote("$.aws.SecretAccessKey", "aws_secret_key"),
                new RedactionNote("$.aws.Credentials", "secret"),
            ],
            notes);
        AssertNoSecretIn(redacted, Opaque, "hunter22", GitHub, AwsSecret);
    }

    [Fact]
    public void RedactJson_EnvironmentListEntry_RedactsTheNamedValue()
    {
        var input = Parse("""{"containers": [{"env": [{"name": "LOG_LEVEL", "value": "debug"}, {"name": "DB_PASSWORD", "value": "hunter22"}]}]}""");

        var (redacted, notes) = SecretRedactor.RedactJson(input);

        Assert.Equal("debug", redacted.GetProperty("containers")[0].GetProperty("env")[0].GetProperty("value").GetString());
        Assert.Equal([new RedactionNote("$.containers[0].env[1].value", "password")], notes);
    }

    [Fact]
    public void RedactJson_StringHoldingJson_RedactsInsideIt()
    {
        var input = Parse("""{"body": "{\"user\":\"bob\",\"password\":\"hunter22\"}"}""");

        var (redacted, notes) = SecretRedactor.RedactJson(input, "$.input");

        Assert.Equal("{\"user\":\"bob\",\"password\":\"[REDACTED:password]\"}", redacted.GetProperty("body").GetString());
        Assert.Equal([new RedactionNote("$.input.body", "password")], notes);
    }

    [Fact]
    public void RedactJson_NothingSecret_ReturnsTheElementUnchanged()
    {
        var text = """{"max_tokens": 1024, "token_type": "bearer", "password_file": "/run/secrets/db", "password": null, "use_token": true, "token": "", "api_key": "${API_KEY}", "tags": ["a", 1, false]}""";

        var (redacted, notes) = SecretRedactor.RedactJson(Parse(text));

        Assert.Empty(notes);
        Assert.Equal(Parse(text).GetRawText(), redacted.GetRawText());
    }

    [Fact]
    public void RedactJson_AlreadyRedacted_NotesNothing()
    {
        var input = Parse($$$"""{"headers": {"Authorization": "Bearer {{{Opaque}}}"}, "command": "mysql -pS3cr3t", "list": [{"secret": "{{{Opaque}}}"}]}""");

        var (once, _) = SecretRedactor.RedactJson(input);
        var (twice, notes) = SecretRedactor.RedactJson(once);

        Assert.Empty(notes);
        Assert.Equal(once.GetRawText(), twice.GetRawText());
    }

    [Fact]
    public void RedactJson_SecretInMemberName_IsRedacted()
    {
        var input = Parse($$$"""{"{{{GitHub}}}": 1}""");

        var (redacted, notes) = SecretRedactor.RedactJson(input);

        Assert.Equal("""{"[REDACTED:github_token]":1}""", redacted.GetRawText());
        Assert.Equal([new RedactionNote("$", "github_token")], notes);
    }

    [Fact]
    public void RedactJson_ScalarRoot_IsRedactedAsText()
    {
        var (redacted, notes) = SecretRedactor.RedactJson(Parse($"\"export NPM_TOKEN={Npm}\""));

        Assert.Equal("export NPM_TOKEN=[REDACTED:npm_token]", redacted.GetString());
        Assert.Equal([new RedactionNote("$", "npm_token")], notes);
    }

    [Fact]
    public void RedactJson_DefaultElement_ReturnsNoNotes()
    {
        var (_, notes) = SecretRedactor.RedactJson(default);

        Assert.Empty(notes);
    }

    [Fact]
    public void RedactJson_DeeplyNested_RedactsAtTheBottom()
    {
        var json = new string('[', 200) + "{\"password\": \"hunter22\"}" + new string(']', 200);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });

        var (redacted, notes) = SecretRedactor.RedactJson(document.RootElement);

        Assert.DoesNotContain("hunter22", redacted.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("$" + string.Concat(Enumerable.Repeat("[0]", 200)) + ".password", Assert.Single(notes).Path);
    }

    [Fact]
    public void RedactJson_DeeperThanItCanRewrite_WithholdsTheDocument()
    {
        var json = new string('[', 2000) + "\"hunter22\"" + new string(']', 2000);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2048 });

        var (redacted, notes) = SecretRedactor.RedactJson(document.RootElement);

        Assert.Equal("[REDACTED:secret]", redacted.GetString());
        Assert.Equal([new RedactionNote("$", "secret")], notes);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void AssertNoSecretIn(JsonElement element, params string[] secrets)
    {
        var raw = element.GetRawText();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }
    }
}
