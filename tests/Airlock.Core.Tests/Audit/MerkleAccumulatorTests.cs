using Airlock.Audit;

namespace Airlock.Tests.Audit;

public sealed class MerkleAccumulatorTests
{
    [Fact]
    public void NewAccumulator_IsTheEmptyTree()
    {
        var accumulator = new MerkleAccumulator();
        Assert.Equal(0, accumulator.Size);
        Assert.Equal(MerkleHash.EmptyRoot, accumulator.Root());
        Assert.Empty(accumulator.CompactRange());
    }

    [Fact]
    public void FromCompactRange_WrongNumberOfHashes_ThrowsSayingHowMany()
    {
        // 6 = 0b110: two perfect subtrees (4 and 2 leaves).
        var error = Assert.Throws<ArgumentException>(() => MerkleAccumulator.FromCompactRange(6, [new byte[32]]));
        Assert.Contains("holds 2 hashes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCompactRange_HashOfTheWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleAccumulator.FromCompactRange(3, [new byte[32], new byte[16]]));
    }

    [Fact]
    public void FromCompactRange_NegativeSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleAccumulator.FromCompactRange(-1, []));
    }

    [Fact]
    public void FromCompactRange_CallerChangesAHashAfterwards_AccumulatorKeepsItsCopy()
    {
        var hashes = new[] { MerkleHash.Leaf([1]) };
        var accumulator = MerkleAccumulator.FromCompactRange(1, hashes);

        hashes[0][0] ^= 0xff;

        Assert.Equal(MerkleHash.Leaf([1]), accumulator.Root());
    }

    [Fact]
    public void FromCompactRange_NearTheLargestSize_ResumesAndAppends()
    {
        // 2^62 + 1 leaves: two subtrees; appending one more merges nothing above level 1.
        const long size = (1L << 62) + 1;
        var hashes = new[] { MerkleHash.Leaf([1]), MerkleHash.Leaf([2]) };
        var accumulator = MerkleAccumulator.FromCompactRange(size, hashes);

        accumulator.Append(MerkleHash.Leaf([3]));

        Assert.Equal(size + 1, accumulator.Size);
        var range = accumulator.CompactRange();
        Assert.Equal(2, range.Count);
        Assert.Equal(MerkleHash.Node(MerkleHash.Leaf([2]), MerkleHash.Leaf([3])), range[1]);
        Assert.Equal(MerkleHash.Node(hashes[0], range[1]), accumulator.Root());
    }

    [Fact]
    public void Append_LeafHashOfTheWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MerkleAccumulator().Append(new byte[20]));
    }
}
