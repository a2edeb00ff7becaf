using System.Text.Json;
using Airlock.Model;
using Airlock.Server.Approvals;

namespace Airlock.Server.Tests.Approvals;

public sealed class ActionFingerprintTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static ActionRequest Call(string tool, string inputJson, string? cwd = "/srv/app", string agent = "bot") => new()
    {
        Tool = tool,
        Input = JsonDocument.Parse(inputJson).RootElement.Clone(),
        Cwd = cwd,
        Subject = new Subject { Tenant = "t", Workspace = "w", Agent = agent, Session = "s1" },
    };

    [Fact]
    public void SameAction_DifferentKeyOrderAndSpacing_SameFingerprint() =>
        Assert.Equal(
            ActionFingerprint.Compute(Key, Call("mcp__db__execute_sql", """{"sql":"DROP TABLE a","database":"prod"}""")),
            ActionFingerprint.Compute(Key, Call("mcp__db__execute_sql", """{ "database": "prod", "sql": "DROP TABLE a" }""")));

    [Fact]
    public void ShellCommand_FromAnyClientsShellTool_SameFingerprint() =>
        Assert.Equal(
            ActionFingerprint.Compute(Key, Call("Bash", """{"command":"psql -c 'DROP TABLE a'","description":"drop it"}""")),
            ActionFingerprint.Compute(Key, Call("run_shell_command", """{"command":"psql -c 'DROP TABLE a' "}""")));

    [Fact]
    public void SessionChanges_SameFingerprint()
    {
        var first = Call("Bash", """{"command":"rm -rf build"}""");
        var later = first with { Subject = first.Subject with { Session = "s2" } };
        Assert.Equal(ActionFingerprint.Compute(Key, first), ActionFingerprint.Compute(Key, later));
    }

    [Theory]
    [InlineData("Bash", """{"command":"psql -c 'DROP TABLE b'"}""", "/srv/app", "bot")]
    [InlineData("Bash", """{"command":"psql -c 'DROP TABLE a'"}""", "/srv/other", "bot")]
    [InlineData("Bash", """{"command":"psql -c 'DROP TABLE a'"}""", "/srv/app", "other-bot")]
    [InlineData("mcp__db__execute_sql", """{"command":"psql -c 'DROP TABLE a'"}""", "/srv/app", "bot")]
    public void AnyDifferenceInToolInputCwdOrAgent_DifferentFingerprint(string tool, string input, string cwd, string agent) =>
        Assert.NotEqual(
            ActionFingerprint.Compute(Key, Call("Bash", """{"command":"psql -c 'DROP TABLE a'"}""")),
            ActionFingerprint.Compute(Key, Call(tool, input, cwd, agent)));

    [Fact]
    public void OtherGatewayKey_DifferentFingerprint()
    {
        var call = Call("Bash", """{"command":"rm -rf build"}""");
        Assert.NotEqual(ActionFingerprint.Compute(Key, call), ActionFingerprint.Compute(new byte[32], call));
    }
}
