using Airlock.Audit;
using static Airlock.Tests.Audit.Rfc6962Vectors;

namespace Airlock.Tests.Audit;

/// <summary>The tree, the accumulator and the verifier against the published RFC 6962 reference tree.</summary>
public sealed class MerkleTreeVectorTests
{
    private static readonly MerkleTree Tree = new([.. LeafInputs.Select(leaf => MerkleHash.Leaf(leaf))]);

    public static TheoryData<int> Sizes => [.. Enumerable.Range(0, LeafInputs.Length + 1)];

    public static TheoryData<int> InclusionCases => [.. Enumerable.Range(0, InclusionProofs.Length)];

    public static TheoryData<int> ConsistencyCases => [.. Enumerable.Range(0, ConsistencyProofs.Length)];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Root_EachSize_IsThePublishedRoot(int size)
    {
        Assert.Equal(ExpectedRoot(size), ToHex(Tree.Root(size)));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void AccumulatorRoot_EachSize_IsThePublishedRoot(int size)
    {
        var accumulator = new MerkleAccumulator();
        foreach (var leaf in LeafInputs.Take(size))
        {
            accumulator.Append(MerkleHash.Leaf(leaf));
        }

        Assert.Equal(size, accumulator.Size);
        Assert.Equal(ExpectedRoot(size), ToHex(accumulator.Root()));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void CompactRange_EachSize_IsThePublishedCompactTree(int size)
    {
        var expected = CompactRanges[size].Select(node => NodeHashes[node.Level][node.Index]).ToArray();

        var accumulator = new MerkleAccumulator();
        foreach (var leaf in LeafInputs.Take(size))
        {
            accumulator.Append(MerkleHash.Leaf(leaf));
        }

        Assert.Equal(expected, Tree.CompactRange(size).Select(ToHex));
        Assert.Equal(expected, accumulator.CompactRange().Select(ToHex));
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void InclusionProof_PublishedCase_IsThePublishedProof(int @case)
    {
        var (index, size, proof) = InclusionProofs[@case];
        Assert.Equal(proof, Tree.InclusionProof(index, size).Select(ToHex));
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_PublishedProof_Verifies(int @case)
    {
        var (index, size, proof) = InclusionProofs[@case];
        var leaf = MerkleHash.Leaf(LeafInputs[index]);
        Assert.True(MerkleProof.VerifyInclusion(index, size, leaf, Hex(proof), Hex(ExpectedRoot(size))));
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_PublishedProofWithOneBitFlipped_Fails(int @case)
    {
        var (index, size, proof) = InclusionProofs[@case];
        var leaf = MerkleHash.Leaf(LeafInputs[index]);
        for (var i = 0; i < proof.Length; i++)
        {
            var corrupted = Hex(proof);
            corrupted[i][0] ^= 8;
            Assert.False(MerkleProof.VerifyInclusion(index, size, leaf, corrupted, Hex(ExpectedRoot(size))), $"proof[{i}] flipped");
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void ConsistencyProof_PublishedCase_IsThePublishedProof(int @case)
    {
        var (oldSize, newSize, proof) = ConsistencyProofs[@case];
        Assert.Equal(proof, Tree.ConsistencyProof(oldSize, newSize).Select(ToHex));
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_PublishedProof_Verifies(int @case)
    {
        var (oldSize, newSize, proof) = ConsistencyProofs[@case];
        Assert.True(MerkleProof.VerifyConsistency(oldSize, newSize, Hex(ExpectedRoot(oldSize)), Hex(ExpectedRoot(newSize)), Hex(proof)));
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_PublishedProofWithOneBitFlippedOrRootsSwapped_Fails(int @case)
    {
        var (oldSize, newSize, proof) = ConsistencyProofs[@case];
        var (oldRoot, newRoot) = (Hex(ExpectedRoot(oldSize)), Hex(ExpectedRoot(newSize)));
        for (var i = 0; i < proof.Length; i++)
        {
            var corrupted = Hex(proof);
            corrupted[i][0] ^= 16;
            Assert.False(MerkleProof.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, corrupted), $"proof[{i}] flipped");
        }

        if (oldSize != newSize)
        {
            Assert.False(MerkleProof.VerifyConsistency(oldSize, newSize, newRoot, oldRoot, Hex(proof)));
        }
    }

    private static string ExpectedRoot(long size) => size == 0 ? EmptyRoot : Roots[size - 1];
}
