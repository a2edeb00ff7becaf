using Airlock.Shell;

namespace Airlock.Tests.Shell;

public sealed class WordExpanderTests
{
    private static List<Arg> Expand(string script, ShellScope scope)
    {
        var command = (SimpleCommand)ShellParser.Parse(script).Commands.Commands[0];
        return new WordExpander(scope, _ => new SubstitutionValue(null, false)).ExpandFields(command.Words);
    }

    [Fact]
    public void UnquotedVariable_IsSplitIntoFields()
    {
        var scope = new ShellScope(null);
        scope.Set("V", "-rf /", tainted: false);
        Assert.Equal(["rm", "-rf", "/"], Expand("rm $V", scope).Select(a => a.Text));
    }

    [Fact]
    public void QuotedVariable_StaysOneField()
    {
        var scope = new ShellScope(null);
        scope.Set("V", "a b", tainted: false);
        Assert.Equal(["echo", "a b"], Expand("echo \"$V\"", scope).Select(a => a.Text));
    }

    [Fact]
    public void Ifs_SplitsWordsLikeASpace()
    {
        Assert.Equal(["cat", "/etc/passwd"], Expand("cat${IFS}/etc/passwd", new ShellScope(null)).Select(a => a.Text));
    }

    [Fact]
    public void UnknownVariable_IsUnknownNeverEmpty()
    {
        var args = Expand("rm -rf $TARGET", new ShellScope(null));
        Assert.Equal(3, args.Count);
        Assert.False(args[2].Known);
    }

    [Fact]
    public void DefaultValueOfAnUnknownVariable_IsKeptButUnknown()
    {
        var args = Expand("rm -rf ${DIR:-/}", new ShellScope(null));
        Assert.Equal("/", args[2].Text);
        Assert.False(args[2].Known);
    }

    [Fact]
    public void HomeVariable_IsTheSymbolicHome()
    {
        Assert.Equal("~/x", Expand("rm -rf $HOME/x", new ShellScope(null))[2].Text);
    }
}

public sealed class ParameterOperatorTests
{
    private static List<string> Expand(string script, ShellScope scope)
    {
        var command = (SimpleCommand)ShellParser.Parse(script).Commands.Commands[0];
        return new WordExpander(scope, _ => new SubstitutionValue(null, false)).ExpandFields(command.Words).Select(a => a.Text).ToList();
    }

    [Theory]
    [InlineData("${x//o/0}", "f00")]
    [InlineData("${x/o/0}", "f0o")]
    [InlineData("${x#f}", "oo")]
    [InlineData("${x%o}", "fo")]
    [InlineData("${x^^}", "FOO")]
    public void PatternOperators_WithLiteralPatterns_AreComputed(string word, string expected)
    {
        var scope = new ShellScope(null);
        scope.Set("x", "foo", tainted: false);
        Assert.Equal(["echo", expected], Expand("echo " + word, scope));
    }

    [Fact]
    public void ArrayExpansion_GivesOneFieldPerElement()
    {
        var scope = new ShellScope(null);
        scope.SetArray("a", ["rm", "-rf", "/tmp/x y"]);
        Assert.Equal(["rm", "-rf", "/tmp/x y"], Expand("\"${a[@]}\"", scope));
    }

    [Fact]
    public void UnquotedExpansion_SplitsOnTheScriptsIfs()
    {
        var scope = new ShellScope(null);
        scope.Set("IFS", ",", tainted: false);
        scope.Set("x", "rm,-rf,/", tainted: false);
        Assert.Equal(["rm", "-rf", "/"], Expand("$x", scope));
    }
}
