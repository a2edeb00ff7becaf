using Airlock.Audit;

namespace Airlock.Tests.Audit;

public sealed class MerkleTreeTests
{
    private static readonly MerkleTree Tree = new([.. Enumerable.Range(0, 10).Select(i => MerkleHash.Leaf([(byte)i]))]);

    [Fact]
    public void EmptyTree_HasTheEmptyRootAndNoCompactRange()
    {
        var empty = new MerkleTree([]);
        Assert.Equal(0, empty.Size);
        Assert.Equal(MerkleHash.EmptyRoot, empty.Root(0));
        Assert.Empty(empty.CompactRange(0));
    }

    [Fact]
    public void Constructor_LeafHashOfTheWrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MerkleTree([new byte[32], new byte[31]]));
        Assert.Contains("Leaf hash 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CallerChangesALeafAfterwards_TreeKeepsItsCopy()
    {
        var leaves = new[] { MerkleHash.Leaf([1]), MerkleHash.Leaf([2]) };
        var tree = new MerkleTree(leaves);
        var root = tree.Root(2);

        leaves[0][0] ^= 0xff;

        Assert.Equal(root, tree.Root(2));
    }

    [Fact]
    public void ConsistencyProof_EqualSizes_IsEmpty()
    {
        Assert.Empty(Tree.ConsistencyProof(7, 7));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    [InlineData(0, 11)]
    public void InclusionProof_OutOfRange_Throws(long index, long size)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Tree.InclusionProof(index, size));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(6, 5)]
    [InlineData(5, 11)]
    public void ConsistencyProof_OutOfRange_Throws(long oldSize, long newSize)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Tree.ConsistencyProof(oldSize, newSize));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void RootAndCompactRange_SizeOutOfRange_Throw(long size)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Tree.Root(size));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Tree.CompactRange(size));
    }
}
