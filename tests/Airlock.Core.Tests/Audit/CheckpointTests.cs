using Airlock.Audit;

namespace Airlock.Tests.Audit;

public sealed class CheckpointTests
{
    // The example of c2sp.org/tlog-checkpoint, without its signature line.
    private const string SpecExample = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    private const string Hash = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    [Fact]
    public void TryParse_SpecExample_ReadsEachLine()
    {
        Assert.True(Checkpoint.TryParse(SpecExample, out var checkpoint, out var error), error);
        Assert.Equal("example.com/behind-the-sofa", checkpoint.Origin);
        Assert.Equal(20852163, checkpoint.Size);
        Assert.Equal(Convert.FromBase64String(Hash), checkpoint.RootHash);
        Assert.Empty(checkpoint.Extensions);
    }

    [Fact]
    public void ToBody_SpecExample_IsTheSameText()
    {
        var checkpoint = new Checkpoint("example.com/behind-the-sofa", 20852163, Convert.FromBase64String(Hash));
        Assert.Equal(SpecExample, checkpoint.ToBody());
    }

    [Fact]
    public void TryParse_BodyWithExtensionLines_KeepsThemInOrder()
    {
        var body = $"rekor.sigstore.dev - 2605736670972794746\n21428036\n{Hash}\nTimestamp: 1688058656037355364\nsecond extension\n";

        Assert.True(Checkpoint.TryParse(body, out var checkpoint, out var error), error);
        Assert.Equal("rekor.sigstore.dev - 2605736670972794746", checkpoint.Origin);
        Assert.Equal(["Timestamp: 1688058656037355364", "second extension"], checkpoint.Extensions);
        Assert.Equal(body, checkpoint.ToBody());
    }

    [Theory]
    [InlineData("airlock.example/audit", 0)]
    [InlineData("airlock.example/audit", 1)]
    [InlineData("a", long.MaxValue)]
    [InlineData("origin with spaces — and unicode é", 42)]
    public void ToBodyThenTryParse_AnyValidCheckpoint_GivesItBack(string origin, long size)
    {
        var root = MerkleHash.Leaf(BitConverter.GetBytes(size));
        var checkpoint = new Checkpoint(origin, size, root, ["ext one", "ext=two"]);

        Assert.True(Checkpoint.TryParse(checkpoint.ToBody(), out var parsed, out var error), error);
        Assert.Equal(checkpoint, parsed);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("example.com/log\n1\n" + Hash, "does not end with a newline")]
    [InlineData("example.com/log\n1\n", "at least three lines")]
    [InlineData("\n1\n" + Hash + "\n", "origin (line 1) is empty")]
    [InlineData("example.com/log\n01\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n00\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n+1\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n-1\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n 1\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n1.0\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n٣\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n9223372036854775808\n" + Hash + "\n", "tree size")]
    [InlineData("example.com/log\n1\nnot base64!\n", "root hash")]
    [InlineData("example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", "root hash")]
    [InlineData("example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", "root hash")]
    [InlineData("example.com/log\n1\nCsUYapGGPo4dk MgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "root hash")]
    [InlineData("example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n", "root hash")]
    [InlineData("example.com/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", "root hash")]
    [InlineData("example.com/log\n1\n" + Hash + "\n\nextension after an empty line\n", "Extension line 4")]
    [InlineData("example.com/log\r\n1\r\n" + Hash + "\r\n", "control character U+000D")]
    [InlineData("example.com/log\t\n1\n" + Hash + "\n", "control character U+0009")]
    public void TryParse_MalformedBody_ReturnsAClearErrorWithoutThrowing(string body, string expected)
    {
        Assert.False(Checkpoint.TryParse(body, out var checkpoint, out var error));
        Assert.Null(checkpoint);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnpairedSurrogate_IsRejectedAsNotUtf8()
    {
        // Built at run time: an attribute argument cannot carry an unpaired surrogate.
        var body = "example.com/" + (char)0xD800 + "log\n1\n" + Hash + "\n";
        Assert.False(Checkpoint.TryParse(body, out _, out var error));
        Assert.Contains("unpaired surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsAnError()
    {
        Assert.False(Checkpoint.TryParse(null!, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_SizeZero_IsTheEmptyLog()
    {
        var body = $"example.com/log\n0\n{Convert.ToBase64String(MerkleHash.EmptyRoot)}\n";
        Assert.True(Checkpoint.TryParse(body, out var checkpoint, out var error), error);
        Assert.Equal(0, checkpoint.Size);
    }

    [Fact]
    public void ToBody_FieldsThatWouldNotParse_Throw()
    {
        var root = MerkleHash.EmptyRoot;
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("", 1, root).ToBody());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("two\nlines", 1, root).ToBody());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("log", -1, root).ToBody());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("log", 1, new byte[31]).ToBody());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("log", 1, root, [""]).ToBody());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("log", 1, root, ["a\nb"]).ToBody());
    }

    [Fact]
    public void Equals_SameContentInOtherArrays_IsEqual()
    {
        var one = new Checkpoint("log", 3, MerkleHash.Leaf([1]), ["x"]);
        var two = new Checkpoint("log", 3, MerkleHash.Leaf([1]), new List<string> { "x" });

        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, one with { RootHash = MerkleHash.Leaf([2]) });
        Assert.NotEqual(one, one with { Extensions = [] });
    }
}
