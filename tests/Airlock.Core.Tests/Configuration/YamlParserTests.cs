using Airlock.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace Airlock.Tests.Configuration;

public sealed class YamlParserTests
{
    private static YamlMapping Map(string yaml) => Assert.IsType<YamlMapping>(YamlParser.Parse(yaml, "t.yaml"));

    private static string Scalar(YamlNode? node) => Assert.IsType<YamlScalar>(node).Value;

    [Fact]
    public void Parse_BlockAndFlowCollections_ReadAsWritten()
    {
        var root = Map("""
            # a comment
            version: 1
            list:
              - a
              - "b c"   # trailing comment
              - { id: x, tags: [one, 'two', "th#ree"] }
            same-indent:
            - p
            - q
            nested:
              key: value with spaces
              url: https://example.com/a#b
            flow: [a,
                   b]
            """);
        Assert.Equal("1", Scalar(root.Get("version")));
        var list = Assert.IsType<YamlSequence>(root.Get("list"));
        Assert.Equal("b c", Scalar(list.Items[1]));
        var item = Assert.IsType<YamlMapping>(list.Items[2]);
        Assert.Equal(["one", "two", "th#ree"], Assert.IsType<YamlSequence>(item.Get("tags")).Items.Select(Scalar));
        Assert.Equal(["p", "q"], Assert.IsType<YamlSequence>(root.Get("same-indent")).Items.Select(Scalar));
        Assert.Equal("https://example.com/a#b", Scalar(Assert.IsType<YamlMapping>(root.Get("nested")).Get("url")));
        Assert.Equal(["a", "b"], Assert.IsType<YamlSequence>(root.Get("flow")).Items.Select(Scalar));
    }

    [Fact]
    public void Parse_SequenceOfMappings_KeepsEachItemsKeys()
    {
        var root = Map("rules:\n  - id: a\n    outcome: deny\n  - id: b\n    outcome: allow\n");
        var rules = Assert.IsType<YamlSequence>(root.Get("rules")).Items.Cast<YamlMapping>().ToList();
        Assert.Equal(["a", "b"], rules.Select(r => Scalar(r.Get("id"))));
        Assert.Equal(["deny", "allow"], rules.Select(r => Scalar(r.Get("outcome"))));
        Assert.Equal(4, rules[1].Line);
    }

    [Fact]
    public void Parse_QuotedScalars_DecodeTheirEscapes()
    {
        var root = Map("a: \"x\\ny \\\"z\\\"\"\nb: 'it''s'\nc: \"\"\n");
        Assert.Equal("x\ny \"z\"", Scalar(root.Get("a")));
        Assert.Equal("it's", Scalar(root.Get("b")));
        Assert.True(Assert.IsType<YamlScalar>(root.Get("c")).Quoted);
    }

    [Fact]
    public void Parse_BlockScalar_KeepsItsLines()
    {
        var root = Map("message: |\n  line one\n    indented\n  line three\nnext: x\n");
        Assert.Equal("line one\n  indented\nline three\n", Scalar(root.Get("message")));
        Assert.Equal("x", Scalar(root.Get("next")));
    }

    [Theory]
    [InlineData("a: &anchor 1", 1)]
    [InlineData("a: 1\na: 2", 2)]
    [InlineData("a: [1, 2", 1)]
    [InlineData("a:\n\t- b", 2)]
    [InlineData("a: 1\n---\nb: 2", 2)]
    [InlineData("a: \"open", 1)]
    [InlineData("a:\n  b: 1\n c: 2", 3)]
    public void Parse_UnsupportedOrBrokenYaml_FailsWithItsLine(string yaml, int line)
    {
        var error = Assert.Throws<ConfigException>(() => YamlParser.Parse(yaml, "t.yaml"));
        Assert.Equal(line, Assert.Single(error.Errors).Line);
    }

    [Fact]
    public void Parse_RandomText_EitherParsesOrFailsWithAConfigError()
    {
        var tokens = new[] { "a", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "|", ">", "x: y", "---", "&", "*", "\t", "\\" };
        var generator = Gen.ArrayOf(Gen.Elements(tokens)).Select(parts => string.Concat(parts));
        Prop.ForAll(generator.ToArbitrary(), text =>
        {
            try
            {
                YamlParser.Parse(text, "t.yaml");
            }
            catch (ConfigException)
            {
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }
}
