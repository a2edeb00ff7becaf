using Airlock.Analysis;

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
}
