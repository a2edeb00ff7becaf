using Airlock.Audit;

namespace Airlock.Tests.Audit;

public sealed class MerkleProofTests
{
    private const int Leaves = 24;

    private static readonly byte[][] LeafHashes = [.. Enumerable.Range(0, Leaves).Select(i => MerkleHash.Leaf([(byte)i]))];
    private static readonly MerkleTree Tree = new(LeafHashes);

    [Fact]
    public void VerifyInclusion_EveryByteOfEveryProofInSmallTrees_IsChecked()
    {
        for (var size = 1; size <= Leaves; size++)
        {
            var root = Tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = Tree.InclusionProof(index, size);
                for (var element = 0; element < proof.Count; element++)
                {
                    for (var at = 0; at < MerkleHash.Size; at++)
                    {
                        var corrupted = proof.Select(hash => (byte[])hash.Clone()).ToList();
                        corrupted[element][at] ^= 0x01;
                        Assert.False(MerkleProof.VerifyInclusion(index, size, LeafHashes[index], corrupted, root), $"leaf {index} of {size}, proof[{element}][{at}]");
                    }
                }
            }
        }
    }

    [Fact]
    public void VerifyConsistency_EveryByteOfEveryProofInSmallTrees_IsChecked()
    {
        for (var newSize = 1; newSize <= Leaves; newSize++)
        {
            for (var oldSize = 1; oldSize < newSize; oldSize++)
            {
                var proof = Tree.ConsistencyProof(oldSize, newSize);
                for (var element = 0; element < proof.Count; element++)
                {
                    for (var at = 0; at < MerkleHash.Size; at++)
                    {
                        var corrupted = proof.Select(hash => (byte[])hash.Clone()).ToList();
                        corrupted[element][at] ^= 0x80;
                        Assert.False(
                            MerkleProof.VerifyConsistency(oldSize, newSize, Tree.Root(oldSize), Tree.Root(newSize), corrupted),
                            $"{oldSize} to {newSize}, proof[{element}][{at}]");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(-1, 4)]
    [InlineData(4, 4)]
    public void VerifyInclusion_IndexOutsideTheTree_Fails(long index, long size)
    {
        var root = size > 0 ? Tree.Root(size) : MerkleHash.EmptyRoot;
        Assert.False(MerkleProof.VerifyInclusion(index, size, LeafHashes[0], [], root));
    }

    [Fact]
    public void VerifyInclusion_SingleLeafTree_NeedsTheEmptyProofAndTheLeafAsRoot()
    {
        Assert.True(MerkleProof.VerifyInclusion(0, 1, LeafHashes[0], [], LeafHashes[0]));
        Assert.False(MerkleProof.VerifyInclusion(0, 1, LeafHashes[0], [LeafHashes[1]], LeafHashes[0]));
        Assert.False(MerkleProof.VerifyInclusion(0, 1, LeafHashes[0], [], LeafHashes[1]));
    }

    [Fact]
    public void VerifyInclusion_HashesOfTheWrongLength_FailWithoutThrowing()
    {
        var proof = Tree.InclusionProof(3, 8);
        var root = Tree.Root(8);
        Assert.False(MerkleProof.VerifyInclusion(3, 8, LeafHashes[3].AsSpan(1), proof, root));
        Assert.False(MerkleProof.VerifyInclusion(3, 8, LeafHashes[3], proof, root.AsSpan(1)));
        Assert.False(MerkleProof.VerifyInclusion(3, 8, LeafHashes[3], [.. proof.Take(2), new byte[31]], root));
        Assert.False(MerkleProof.VerifyInclusion(3, 8, LeafHashes[3], [.. proof.Take(2), null!], root));
        Assert.False(MerkleProof.VerifyInclusion(3, 8, LeafHashes[3], null!, root));
    }

    [Fact]
    public void VerifyConsistency_EqualSizes_NeedTheEmptyProofAndEqualRoots()
    {
        var root = Tree.Root(5);
        Assert.True(MerkleProof.VerifyConsistency(5, 5, root, root, []));
        Assert.False(MerkleProof.VerifyConsistency(5, 5, root, Tree.Root(6), []));
        Assert.False(MerkleProof.VerifyConsistency(5, 5, root, root, [root]));
    }

    [Fact]
    public void VerifyConsistency_FromTheEmptyTree_HoldsWithTheEmptyRootAndNoProof()
    {
        Assert.True(MerkleProof.VerifyConsistency(0, 7, MerkleHash.EmptyRoot, Tree.Root(7), []));
        Assert.True(MerkleProof.VerifyConsistency(0, 0, MerkleHash.EmptyRoot, MerkleHash.EmptyRoot, []));
        Assert.False(MerkleProof.VerifyConsistency(0, 7, Tree.Root(3), Tree.Root(7), []));
        Assert.False(MerkleProof.VerifyConsistency(0, 7, MerkleHash.EmptyRoot, Tree.Root(7), [Tree.Root(7)]));
        Assert.False(MerkleProof.VerifyConsistency(0, 0, MerkleHash.EmptyRoot, Tree.Root(1), []));
    }

    [Fact]
    public void VerifyConsistency_ShrinkingTreeOrNegativeSize_Fails()
    {
        Assert.False(MerkleProof.VerifyConsistency(6, 5, Tree.Root(6), Tree.Root(5), Tree.ConsistencyProof(5, 6)));
        Assert.False(MerkleProof.VerifyConsistency(-1, 5, Tree.Root(1), Tree.Root(5), []));
    }

    [Fact]
    public void VerifyConsistency_EmptyProofBetweenDifferentSizes_Fails()
    {
        Assert.False(MerkleProof.VerifyConsistency(4, 8, Tree.Root(4), Tree.Root(8), []));
    }

    [Fact]
    public void VerifyConsistency_HashesOfTheWrongLength_FailWithoutThrowing()
    {
        var proof = Tree.ConsistencyProof(3, 7);
        Assert.False(MerkleProof.VerifyConsistency(3, 7, Tree.Root(3).AsSpan(1), Tree.Root(7), proof));
        Assert.False(MerkleProof.VerifyConsistency(3, 7, Tree.Root(3), Tree.Root(7), [.. proof.Take(1), new byte[33]]));
        Assert.False(MerkleProof.VerifyConsistency(3, 7, Tree.Root(3), Tree.Root(7), null!));
    }
}
