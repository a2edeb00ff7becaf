using Airlock.Audit;
using FsCheck;
using FsCheck.Fluent;

namespace Airlock.Tests.Audit;

public sealed class MerklePropertyTests
{
    private const int Leaves = 3000;

    // One tree serves every size: proofs and roots at a size below the tree's are the common case
    // (an export proves against the checkpoint it chose, not the newest).
    private static readonly byte[][] LeafHashes = [.. Enumerable.Range(0, Leaves).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i)))];
    private static readonly MerkleTree Tree = new(LeafHashes);

    private static readonly Config Few = Config.QuickThrowOnFailure.WithMaxTest(25);
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static Arbitrary<int> Size => Gen.Choose(1, Leaves).ToArbitrary();

    private static Arbitrary<(int Index, int Size)> IndexAndSize =>
        Gen.Choose(1, Leaves).SelectMany(size => Gen.Choose(0, size - 1), (size, index) => (index, size)).ToArbitrary();

    private static Arbitrary<(int OldSize, int NewSize)> TwoSizes =>
        Gen.Choose(1, Leaves).SelectMany(newSize => Gen.Choose(1, newSize), (newSize, oldSize) => (oldSize, newSize)).ToArbitrary();

    [Fact]
    public void InclusionProof_EveryLeafOfARandomSize_Verifies()
    {
        Prop.ForAll(Size, size =>
        {
            var root = Tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                if (!MerkleProof.VerifyInclusion(index, size, LeafHashes[index], Tree.InclusionProof(index, size), root))
                {
                    return false;
                }
            }

            return true;
        }).Check(Few);
    }

    [Fact]
    public void ConsistencyProof_EveryOldSizeOfARandomNewSize_Verifies()
    {
        Prop.ForAll(Size, newSize =>
        {
            var newRoot = Tree.Root(newSize);
            for (var oldSize = 1; oldSize <= newSize; oldSize++)
            {
                if (!MerkleProof.VerifyConsistency(oldSize, newSize, Tree.Root(oldSize), newRoot, Tree.ConsistencyProof(oldSize, newSize)))
                {
                    return false;
                }
            }

            return true;
        }).Check(Few);
    }

    [Fact]
    public void RootAndProofs_RandomSizes_MatchTheRecursiveDefinitionsOfRfc6962()
    {
        Prop.ForAll(IndexAndSize, sample =>
        {
            var leaves = LeafHashes.AsSpan(0, sample.Size);
            return Tree.Root(sample.Size).SequenceEqual(RecursiveMerkle.Root(leaves))
                && SameHashes(Tree.InclusionProof(sample.Index, sample.Size), RecursiveMerkle.Path(sample.Index, leaves))
                && SameHashes(Tree.ConsistencyProof(sample.Index + 1, sample.Size), RecursiveMerkle.Proof(sample.Index + 1, leaves));
        }).Check(Many);
    }

    [Fact]
    public void VerifyInclusion_AnyByteOfProofLeafOrRootChanged_Fails()
    {
        var sample = Gen.Zip(IndexAndSize.Generator, Gen.Choose(0, int.MaxValue - 1), (s, seed) => (s.Index, s.Size, Seed: seed)).ToArbitrary();
        Prop.ForAll(sample, s =>
        {
            var random = new Random(s.Seed);
            var proof = Tree.InclusionProof(s.Index, s.Size);
            var root = Tree.Root(s.Size);
            var leaf = LeafHashes[s.Index];

            var flippedLeaf = Flip(leaf, random);
            var flippedRoot = Flip(root, random);
            var proofStillVerifiesWhenAnElementIsFlipped = proof.Count > 0
                && MerkleProof.VerifyInclusion(s.Index, s.Size, leaf, FlipOne(proof, random), root);

            return MerkleProof.VerifyInclusion(s.Index, s.Size, leaf, proof, root)
                && !proofStillVerifiesWhenAnElementIsFlipped
                && !MerkleProof.VerifyInclusion(s.Index, s.Size, flippedLeaf, proof, root)
                && !MerkleProof.VerifyInclusion(s.Index, s.Size, leaf, proof, flippedRoot)
                && !MerkleProof.VerifyInclusion(s.Index, s.Size, leaf, [.. proof, root], root)
                && (proof.Count == 0 || !MerkleProof.VerifyInclusion(s.Index, s.Size, leaf, [.. proof.Take(proof.Count - 1)], root));
        }).Check(Many);
    }

    [Fact]
    public void VerifyInclusion_AnotherIndex_Fails()
    {
        Prop.ForAll(IndexAndSize, s =>
        {
            var proof = Tree.InclusionProof(s.Index, s.Size);
            var root = Tree.Root(s.Size);
            var leaf = LeafHashes[s.Index];
            return !MerkleProof.VerifyInclusion(s.Index + 1, s.Size, leaf, proof, root)
                && !MerkleProof.VerifyInclusion(s.Index - 1, s.Size, leaf, proof, root)
                && !MerkleProof.VerifyInclusion(s.Index ^ 2, s.Size, leaf, proof, root);
        }).Check(Many);
    }

    // A size is only meaningful with its root (a checkpoint signs both): a proof for one tree must
    // not verify against another tree's size and root. The same root with a neighbouring size can
    // verify (leaf 0 of 3 and of 4 have proofs of the same shape), which is why checkpoints sign both.
    [Fact]
    public void VerifyInclusion_AnotherTreesSizeAndRoot_Fails()
    {
        Prop.ForAll(IndexAndSize, s =>
        {
            var proof = Tree.InclusionProof(s.Index, s.Size);
            var leaf = LeafHashes[s.Index];
            bool VerifiesAt(long size) => size > s.Index && size <= Leaves && MerkleProof.VerifyInclusion(s.Index, size, leaf, proof, Tree.Root(size));
            return !VerifiesAt(s.Size + 1) && !VerifiesAt(s.Size - 1) && !VerifiesAt(s.Size * 2L) && !VerifiesAt(s.Size / 2);
        }).Check(Many);
    }

    [Fact]
    public void VerifyConsistency_AnyByteOfProofOrRootsChanged_Fails()
    {
        var sample = Gen.Zip(TwoSizes.Generator, Gen.Choose(0, int.MaxValue - 1), (s, seed) => (s.OldSize, s.NewSize, Seed: seed)).ToArbitrary();
        Prop.ForAll(sample, s =>
        {
            var random = new Random(s.Seed);
            var proof = Tree.ConsistencyProof(s.OldSize, s.NewSize);
            var (oldRoot, newRoot) = (Tree.Root(s.OldSize), Tree.Root(s.NewSize));

            return MerkleProof.VerifyConsistency(s.OldSize, s.NewSize, oldRoot, newRoot, proof)
                && (proof.Count == 0 || !MerkleProof.VerifyConsistency(s.OldSize, s.NewSize, oldRoot, newRoot, FlipOne(proof, random)))
                && !MerkleProof.VerifyConsistency(s.OldSize, s.NewSize, Flip(oldRoot, random), newRoot, proof)
                && !MerkleProof.VerifyConsistency(s.OldSize, s.NewSize, oldRoot, Flip(newRoot, random), proof)
                && !MerkleProof.VerifyConsistency(s.OldSize, s.NewSize, oldRoot, newRoot, [.. proof, oldRoot])
                && (proof.Count == 0 || !MerkleProof.VerifyConsistency(s.OldSize, s.NewSize, oldRoot, newRoot, [.. proof.Skip(1)]));
        }).Check(Many);
    }

    [Fact]
    public void VerifyConsistency_AnotherPairOfTrees_Fails()
    {
        Prop.ForAll(TwoSizes, s =>
        {
            var proof = Tree.ConsistencyProof(s.OldSize, s.NewSize);
            bool VerifiesAt(long oldSize, long newSize) =>
                oldSize >= 1 && oldSize <= newSize && newSize <= Leaves && (oldSize, newSize) != (s.OldSize, s.NewSize)
                && MerkleProof.VerifyConsistency(oldSize, newSize, Tree.Root(oldSize), Tree.Root(newSize), proof);
            return !VerifiesAt(s.OldSize + 1, s.NewSize) && !VerifiesAt(s.OldSize - 1, s.NewSize)
                && !VerifiesAt(s.OldSize, s.NewSize + 1) && !VerifiesAt(s.OldSize, s.NewSize - 1);
        }).Check(Many);
    }

    [Fact]
    public void AccumulatorRoot_EverySize_EqualsTheTreeRoot()
    {
        var accumulator = new MerkleAccumulator();
        Assert.Equal(Tree.Root(0), accumulator.Root());
        for (var size = 1; size <= Leaves; size++)
        {
            accumulator.Append(LeafHashes[size - 1]);
            Assert.True(Tree.Root(size).SequenceEqual(accumulator.Root()), $"root at size {size}");
        }
    }

    [Fact]
    public void FromCompactRange_ResumedAtARandomSize_ReachesTheSameRootsAndRanges()
    {
        var sample = TwoSizes.Generator.Select(s => (Resume: s.OldSize - 1, End: s.NewSize)).ToArbitrary();
        Prop.ForAll(sample, s =>
        {
            var accumulator = MerkleAccumulator.FromCompactRange(s.Resume, Tree.CompactRange(s.Resume));
            if (!accumulator.Root().SequenceEqual(Tree.Root(s.Resume)))
            {
                return false;
            }

            for (var i = s.Resume; i < s.End; i++)
            {
                accumulator.Append(LeafHashes[i]);
            }

            return accumulator.Size == s.End
                && accumulator.Root().SequenceEqual(Tree.Root(s.End))
                && SameHashes(accumulator.CompactRange(), Tree.CompactRange(s.End));
        }).Check(Many);
    }

    private static bool SameHashes(IReadOnlyList<byte[]> left, IReadOnlyList<byte[]> right) =>
        left.Count == right.Count && left.Zip(right).All(pair => pair.First.SequenceEqual(pair.Second));

    private static byte[] Flip(byte[] hash, Random random)
    {
        var copy = (byte[])hash.Clone();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static List<byte[]> FlipOne(IReadOnlyList<byte[]> proof, Random random)
    {
        var copy = proof.ToList();
        var i = random.Next(copy.Count);
        copy[i] = Flip(copy[i], random);
        return copy;
    }
}
