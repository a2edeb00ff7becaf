using System.Globalization;
using System.Text;
using Airlock.Analysis;
using Airlock.Model;
using Airlock.Policy;
using FsCheck;
using FsCheck.Fluent;
using Outcome = Airlock.Policy.Outcome;

namespace Airlock.Tests.Shell;

/// <summary>
/// Properties of the whole shell path (parser, analyzer, policy): no input makes it fail, no spelling of
/// <c>rm -rf /</c> gets past it, and inputs too big or too deep to analyze are never allowed.
/// </summary>
public sealed class ShellParserPropertyTests
{
    private const string Cwd = "/home/dev/project";

    private static readonly PolicyEngine Engine = new(PolicyLoader.BuiltIn);

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    // Fragments that steer random input into the parser's interesting paths.
    private static readonly string[] ShellPieces =
    [
        " ", " ", "\t", "\n", ";", "&", "&&", "|", "||", "|&", "!", "(", ")", "((", "))", "{", "}", "[[", "]]",
        "'", "\"", "`", "\\", "$", "$(", "${", "$((", "$'", "$\"", "<(", ">(", "<", ">", ">>", "<<", "<<-", "<<<", "2>&1", ">&", "&>",
        "#", "=", "*", "?", "[", "]", "~", "-", "--", "-rf", "/", "/*", "..", ".", "IFS", "$IFS", "${IFS}", "$HOME", "$@", "$1",
        "EOF", "'EOF'", "x=", "X=1 ", "rm", "rm -rf /", "sudo", "env", "env -i", "nohup", "timeout 5", "xargs", "find", "-exec", "{}", "\\;",
        "bash -c", "sh -c", "eval", "exec", "command", "ssh", "host", "git", "push", "--force", "reset", "--hard", "psql", "-c", "DROP TABLE x",
        "curl", "-d", "@-", "https://x.example.com", "python -c", "node -e", "if", "then", "else", "fi", "for", "in", "do", "done", "while",
        "case", "esac", ";;", "function", "f()", "select", "time", "coproc", "a", "b", "echo", "base64 -d",
    ];

    private static readonly string[] Wrappers =
    [
        "sudo", "sudo -u root", "sudo -E", "doas", "env", "env -i", "env FOO=1", "env -u HOME", "nohup", "command", "timeout 5",
        "timeout -s KILL 10", "nice", "nice -n 19", "time", "stdbuf -o0", "setsid", "exec", "ionice -c3",
    ];

    private static readonly string[] RecursiveForceFlags = ["-rf", "-fr", "-Rf", "-r -f", "-f -r", "--recursive --force", "-rf --no-preserve-root"];

    [Fact]
    public void Decide_RandomText_AlwaysDecidesWithoutFailing()
    {
        var text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).ToArbitrary();

        Prop.ForAll(text, command => DecidesCleanly(command)).Check(Config);
    }

    [Fact]
    public void Decide_RandomMixesOfShellTokens_AlwaysDecidesWithoutFailing()
    {
        var pieces = Gen.ListOf(Gen.Elements(ShellPieces)).Select(list => string.Concat(list));
        var spaced = Gen.ListOf(Gen.Elements(ShellPieces)).Select(list => string.Join(' ', list));
        var mixed = Gen.OneOf(pieces, spaced).ToArbitrary();

        Prop.ForAll(mixed, command => DecidesCleanly(command)).Check(Config);
    }

    [Fact]
    public void Decide_EveryQuotingOfRmRfRoot_WithAnyWrappers_IsDenied()
    {
        var rm = Gen.Zip(CharSpelling('r'), CharSpelling('m')).Select(pair => pair.Item1 + pair.Item2);
        var wrappers = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Wrappers), n));
        var flags = Gen.Elements(RecursiveForceFlags);
        var target = Gen.Elements("/", "'/'", "\"/\"", "/*", "\\/");
        var command = Gen.Zip(Gen.Zip(wrappers, rm), Gen.Zip(flags, target))
            .Select(t => string.Concat(t.Item1.Item1.Select(w => w + " ")) + t.Item1.Item2 + " " + t.Item2.Item1 + " " + t.Item2.Item2)
            .ToArbitrary();

        Prop.ForAll(command, c =>
        {
            var decision = Decide(c);
            if (decision.Outcome != Outcome.Deny)
            {
                throw new InvalidOperationException($"'{c}' got {decision.Outcome} ({decision.ReasonCode} by {decision.Rule}), expected Deny");
            }

            return true;
        }).Check(Config);
    }

    [Fact]
    public void Decide_OneMegabyteOfInput_IsNotAllowed()
    {
        var plain = new string('a', 1 << 20);
        var commands = string.Concat(Enumerable.Repeat("echo hi; ", ((1 << 20) / 9) + 1));
        var quoted = "echo '" + new string('x', 1 << 20) + "'";

        foreach (var command in new[] { plain, commands, quoted })
        {
            var decision = Decide(command);
            Assert.NotEqual(Outcome.Allow, decision.Outcome);
        }
    }

    [Theory]
    [InlineData("$(", ")")]
    [InlineData("(", ")")]
    [InlineData("`", "`")]
    [InlineData("{ ", "; }")]
    [InlineData("<(", ")")]
    [InlineData("\"$(", ")\"")]
    public void Decide_TenThousandDeepNesting_IsNotAllowed(string open, string close)
    {
        const int depth = 10_000;
        var command = new StringBuilder()
            .Insert(0, open, depth)
            .Append("echo hi")
            .Append(new StringBuilder().Insert(0, close, depth))
            .ToString();

        var decision = Decide(command);

        Assert.NotEqual(Outcome.Allow, decision.Outcome);
        Assert.NotEqual(ReasonCodes.InternalError, decision.ReasonCode);
    }

    [Fact]
    public void Decide_TenThousandDeepArithmeticParentheses_IsNotAllowed()
    {
        var command = new string('(', 10_000) + "1" + new string(')', 10_000);

        var decision = Decide(command);

        Assert.NotEqual(Outcome.Allow, decision.Outcome);
    }

    /// <summary>One character of a command name, spelled in any of the ways a shell reads back as that character.</summary>
    private static Gen<string> CharSpelling(char c)
    {
        var hex = ((int)c).ToString("x2", CultureInfo.InvariantCulture);
        var octal = Convert.ToString((int)c, 8);
        return Gen.Elements(
            c.ToString(),
            $"'{c}'",
            $"\"{c}\"",
            $"\\{c}",
            $"$'\\x{hex}'",
            $"$'\\{octal}'",
            $"$'{c}'",
            $"{c}''",
            $"\"\"{c}");
    }

    private static Decision Decide(string command) => Engine.Decide(ActionRequest.ForShell(command, Cwd));

    private static bool DecidesCleanly(string command)
    {
        var decision = Decide(command);
        if (decision is null || string.IsNullOrEmpty(decision.Rule))
        {
            throw new InvalidOperationException($"No decision for {Show(command)}");
        }

        if (decision.ReasonCode == ReasonCodes.InternalError)
        {
            throw new InvalidOperationException($"Airlock failed internally on {Show(command)}: {decision.HumanMessage}\n{Failure(command)}");
        }

        return true;
    }

    /// <summary>The analyzer's own exception for an input the engine refused with <c>internal_error</c>.</summary>
    private static string Failure(string command)
    {
        try
        {
            new ActionAnalyzer().Analyze(ActionRequest.ForShell(command, Cwd));
            return "(the analyzer alone did not fail)";
        }
#pragma warning disable CA1031 // Reporting whatever the analyzer threw is the point.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e.ToString();
        }
    }

    private static string Show(string command) =>
        "\"" + (command.Length > 200 ? command[..200] + "…" : command).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
