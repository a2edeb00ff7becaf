using Airlock.Shell;

namespace Airlock.Tests.Shell;

public sealed class ShellParserTests
{
    private static List<string> Words(string script)
    {
        var parsed = ShellParser.Parse(script);
        var command = Assert.IsType<SimpleCommand>(Assert.Single(parsed.Commands.Commands));
        var expander = new WordExpander(new ShellScope("/p"), _ => new SubstitutionValue(null, false));
        return expander.ExpandFields(command.Words).Select(a => a.Text).ToList();
    }

    [Theory]
    [InlineData("rm -rf /", new[] { "rm", "-rf", "/" })]
    [InlineData("r''m -rf /", new[] { "rm", "-rf", "/" })]
    [InlineData("\"r\"m '-r'f /", new[] { "rm", "-rf", "/" })]
    [InlineData("\\rm -rf /", new[] { "rm", "-rf", "/" })]
    [InlineData("$'\\x72\\x6d' -rf /", new[] { "rm", "-rf", "/" })]
    [InlineData("$'\\162m' -rf /", new[] { "rm", "-rf", "/" })]
    [InlineData("rm -r\\\nf /", new[] { "rm", "-rf", "/" })]
    [InlineData("echo \"a b\" 'c d' e\\ f", new[] { "echo", "a b", "c d", "e f" })]
    [InlineData("echo \"\" x", new[] { "echo", "", "x" })]
    [InlineData("echo \"it's\" 'say \"hi\"'", new[] { "echo", "it's", "say \"hi\"" })]
    public void Parse_QuotingForms_GiveTheWordsBashWouldRun(string script, string[] expected)
    {
        Assert.Equal(expected, Words(script));
    }

    [Fact]
    public void Parse_ListsPipelinesAndGroups_AreAllCommands()
    {
        var parsed = ShellParser.Parse("a && b || c; d | e & f\n(g; h) { i; } # j");
        var names = Flatten(parsed.Commands).ToList();
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i"], names);
    }

    [Fact]
    public void Parse_HereDocument_KeepsItsBodyForTheCommand()
    {
        var parsed = ShellParser.Parse("psql <<'SQL'\nDROP TABLE users;\nSQL\necho done");
        var psql = Assert.IsType<SimpleCommand>(parsed.Commands.Commands[0]);
        Assert.Equal("DROP TABLE users;\n", psql.Redirects[0].HereDocBody);
        Assert.Equal(2, parsed.Commands.Commands.Count);
    }

    [Fact]
    public void Parse_HereDocumentWithTabsStripped_FindsItsDelimiter()
    {
        var parsed = ShellParser.Parse("cat <<-EOF\n\trm -rf /\n\tEOF\nls");
        Assert.Equal("rm -rf /\n", ((SimpleCommand)parsed.Commands.Commands[0]).Redirects[0].HereDocBody);
    }

    [Fact]
    public void Parse_CommandSubstitutions_AreParsedAsCommands()
    {
        var parsed = ShellParser.Parse("echo $(rm -rf /tmp/x) `ls` <(cat y)");
        var words = ((SimpleCommand)parsed.Commands.Commands[0]).Words;
        Assert.IsType<CommandSubstitutionPart>(words[1].Parts[0]);
        Assert.IsType<CommandSubstitutionPart>(words[2].Parts[0]);
        Assert.IsType<ProcessSubstitutionPart>(words[3].Parts[0]);
    }

    [Fact]
    public void Parse_CompoundCommands_KeepTheirBodies()
    {
        var parsed = ShellParser.Parse("if test -d x; then rm -rf x; elif true; then a; else b; fi; for f in a b; do rm $f; done; while read l; do c; done; case $x in a|b) d;; *) e;; esac; f() { g; }");
        var names = Flatten(parsed.Commands).ToList();
        Assert.Equal(["test", "rm", "true", "a", "b", "rm", "read", "c", "d", "e", "g"], names);
        Assert.False(parsed.Incomplete);
    }

    [Theory]
    [InlineData("echo 'unterminated")]
    [InlineData("echo \"unterminated")]
    [InlineData("echo $(unterminated")]
    [InlineData("if true; then echo")]
    public void Parse_IncompleteSyntax_IsFlaggedNotThrown(string script)
    {
        Assert.True(ShellParser.Parse(script).Incomplete);
    }

    [Fact]
    public void Parse_DeepNesting_ThrowsTheBoundedParseException()
    {
        var script = string.Concat(Enumerable.Repeat("$(", 5000)) + "x" + new string(')', 5000);
        Assert.Throws<ShellParseException>(() => ShellParser.Parse(script));
    }

    private static IEnumerable<string> Flatten(CommandList list)
    {
        foreach (var command in list.Commands)
        {
            switch (command)
            {
                case SimpleCommand simple when simple.Words.Count > 0:
                    yield return ((LiteralPart)simple.Words[0].Parts[0]).Text;
                    break;
                case CompoundCommand compound:
                    foreach (var name in compound.Bodies.SelectMany(Flatten))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }
}
