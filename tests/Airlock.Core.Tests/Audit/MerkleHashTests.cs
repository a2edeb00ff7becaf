using Airlock.Audit;
using static Airlock.Tests.Audit.Rfc6962Vectors;

namespace Airlock.Tests.Audit;

public sealed class MerkleHashTests
{
    public static TheoryData<int> Leaves => [.. Enumerable.Range(0, LeafInputs.Length)];

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Leaf_ReferenceLeaf_IsThePublishedLevelZeroHash(int index)
    {
        Assert.Equal(NodeHashes[0][index], ToHex(MerkleHash.Leaf(LeafInputs[index])));
    }

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Leaf_IntoASpan_WritesTheSameHash(int index)
    {
        var hash = new byte[MerkleHash.Size];
        MerkleHash.Leaf(LeafInputs[index], hash);
        Assert.Equal(NodeHashes[0][index], ToHex(hash));
    }

    [Fact]
    public void Leaf_RecordLongerThanTheStackBuffer_HashesThePrefixedRecord()
    {
        var record = new byte[100_000];
        Random.Shared.NextBytes(record);
        var expected = System.Security.Cryptography.SHA256.HashData([0x00, .. record]);

        var hash = new byte[MerkleHash.Size];
        MerkleHash.Leaf(record, hash);

        Assert.Equal(expected, hash);
    }

    [Fact]
    public void Node_ReferencePairs_AreThePublishedLevelOneHashes()
    {
        for (var i = 0; i < NodeHashes[1].Length; i++)
        {
            var node = MerkleHash.Node(Hex(NodeHashes[0][2 * i]), Hex(NodeHashes[0][(2 * i) + 1]));
            Assert.Equal(NodeHashes[1][i], ToHex(node));
        }
    }

    [Fact]
    public void Node_DestinationOverlappingAChild_GivesTheSameHash()
    {
        var left = Hex(NodeHashes[1][0]);
        MerkleHash.Node(left, Hex(NodeHashes[1][1]), left);
        Assert.Equal(NodeHashes[2][0], ToHex(left));
    }

    [Fact]
    public void EmptyRoot_IsSha256OfTheEmptyString()
    {
        Assert.Equal(EmptyRoot, ToHex(MerkleHash.EmptyRoot));
    }

    [Fact]
    public void EmptyRoot_ChangedByACaller_StaysTheSameForTheNext()
    {
        MerkleHash.EmptyRoot[0] ^= 0xff;
        Assert.Equal(EmptyRoot, ToHex(MerkleHash.EmptyRoot));
    }

    [Fact]
    public void Node_ChildOfTheWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[31], new byte[32]));
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[32], new byte[33]));
    }

    [Fact]
    public void Leaf_DestinationOfTheWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleHash.Leaf([1, 2, 3], new byte[31]));
    }
}
