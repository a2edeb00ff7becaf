using Airlock.Analysis;
using FsCheck;
using FsCheck.Fluent;

namespace Airlock.Tests.Analysis;

public sealed class GlobTests
{
    [Theory]
    [InlineData("release/*", "release/1.2", true)]
    [InlineData("release/*", "release", false)]
    [InlineData("*.pyc", "a.pyc", true)]
    [InlineData("[abc]x", "bx", true)]
    [InlineData("[!abc]x", "bx", false)]
    [InlineData("database.*", "database.drop", true)]
    [InlineData("/[", "/[", true)]
    [InlineData("*[", "ab[", true)]
    [InlineData("a[b", "a[b", true)]
    [InlineData("a*b*c*d*e*f*g*h*i*j*k", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Match_GlobsMatchLikeTheShell(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Glob.Match(pattern, text));
    }

    [Theory]
    [InlineData("~/.ssh/id_*", "~/.ssh/id_rsa", true)]
    [InlineData("**/.kube/config", "/home/a/.kube/config", true)]
    [InlineData("**/.kube/config", ".kube/config", true)]
    [InlineData("~/.config/gcloud/**", "~/.config/gcloud/credentials.db", true)]
    [InlineData("~/.aws/credentials", "~/.aws/config2", false)]
    public void MatchPath_StarStarSpansSegments(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, Glob.MatchPath(pattern, path));
    }

    [Fact]
    public void Match_AnyPatternAndText_NeverThrows()
    {
        // Found by the shell property test: an unclosed '[' at a pattern's end read past it.
        var text = Gen.Elements('a', 'b', '[', ']', '!', '^', '-', '*', '?', '/', '.').ArrayOf().Select(chars => new string(chars));
        Prop.ForAll(Gen.Zip(text, text).ToArbitrary(), pair => { Glob.Match(pair.Item1, pair.Item2); })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }
}
