using System.Diagnostics;
using System.Numerics;

namespace Airlock.Audit;

/// <summary>
/// Inclusion and consistency proofs over all the leaf hashes of a log. Every perfect subtree's hash
/// is computed once, level by level, so a proof is O(log n) lookups plus at most one partial subtree
/// on the right border folded from O(log n) lookups: an export computes thousands of proofs over a
/// million leaves.
/// </summary>
public sealed class MerkleTree
{
    // Each level is one flat array, so a million leaves cost 32 MB for the leaves rather than a million objects.
    private static readonly long MaxLeaves = Array.MaxLength / MerkleHash.Size;

    // _levels[l] holds the hashes of the perfect subtrees of 2^l leaves, left to right, back to back.
    private readonly byte[][] _levels;

    /// <summary>Builds every perfect subtree over the given leaf hashes (copied).</summary>
    /// <exception cref="ArgumentException">A leaf hash is not 32 bytes, or there are more leaves than one array can hold.</exception>
    public MerkleTree(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var count = leafHashes.Count;
        if (count > MaxLeaves)
        {
            throw new ArgumentException($"An in-memory tree holds at most {MaxLeaves} leaves, not {count}.", nameof(leafHashes));
        }

        var leaves = new byte[count * MerkleHash.Size];
        for (var i = 0; i < count; i++)
        {
            if (leafHashes[i] is not { Length: MerkleHash.Size } leaf)
            {
                throw new ArgumentException($"Leaf hash {i} is not {MerkleHash.Size} bytes.", nameof(leafHashes));
            }

            leaf.CopyTo(leaves, i * MerkleHash.Size);
        }

        var levels = new List<byte[]> { leaves };
        for (var width = count / 2; width > 0; width /= 2)
        {
            var below = levels[^1];
            var level = new byte[width * MerkleHash.Size];
            for (var i = 0; i < width; i++)
            {
                MerkleHash.Node(Hash(below, 2 * i), Hash(below, (2 * i) + 1), Hash(level, i));
            }

            levels.Add(level);
        }

        _levels = [.. levels];
        Size = count;
    }

    /// <summary>The number of leaves.</summary>
    public long Size { get; }

    /// <summary>The RFC 6962 Merkle tree hash of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return size == 0 ? MerkleHash.EmptyRoot : RangeHash(0, size);
    }

    /// <summary>
    /// The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/>
    /// leaves, bottom up: RFC 6962 §2.1.1 PATH, RFC 9162 §2.1.3.1.
    /// </summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);

        // PATH's recursion unrolled: walk down from the root, collecting the sibling of the subtree
        // holding the leaf at each step; the proof lists them bottom up.
        var path = new List<byte[]>();
        long start = 0, width = size, offset = index;
        while (width > 1)
        {
            var split = LargestPowerOfTwoBelow(width);
            if (offset < split)
            {
                path.Add(RangeHash(start + split, start + width));
                width = split;
            }
            else
            {
                path.Add(RangeHash(start, start + split));
                start += split;
                offset -= split;
                width -= split;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// The proof that the first <paramref name="oldSize"/> leaves are a prefix of the first
    /// <paramref name="newSize"/>: RFC 6962 §2.1.2 PROOF, RFC 9162 §2.1.4.1. Empty when the sizes are equal.
    /// </summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(newSize, oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newSize, Size);

        // SUBPROOF's recursion unrolled. RFC 6962 calls this flag b: while it holds, the old leaves in
        // the current subtree are the whole old tree, whose root the verifier already has.
        var proof = new List<byte[]>();
        long start = 0, width = newSize, old = oldSize;
        var oldTreeIsWhole = true;
        while (old != width)
        {
            var split = LargestPowerOfTwoBelow(width);
            if (old <= split)
            {
                proof.Add(RangeHash(start + split, start + width));
                width = split;
            }
            else
            {
                proof.Add(RangeHash(start, start + split));
                start += split;
                old -= split;
                width -= split;
                oldTreeIsWhole = false;
            }
        }

        if (!oldTreeIsWhole)
        {
            proof.Add(RangeHash(start, start + width));
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>The perfect-subtree hashes covering the first <paramref name="size"/> leaves, left to right (largest first).</summary>
    public IReadOnlyList<byte[]> CompactRange(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);

        var hashes = new List<byte[]>(BitOperations.PopCount((ulong)size));
        long position = 0;
        for (var level = _levels.Length - 1; level >= 0; level--)
        {
            if (((size >> level) & 1) == 1)
            {
                hashes.Add(Subtree(level, position >> level).ToArray());
                position += 1L << level;
            }
        }

        return hashes;
    }

    // The Merkle tree hash of leaves [start, end). Callers split at powers of two from the left, so
    // start is a multiple of the largest power of two not above end - start, and the range is a row
    // of aligned perfect subtrees, largest first, folded from the right.
    private byte[] RangeHash(long start, long end)
    {
        var width = end - start;
        Debug.Assert(width > 0 && start % (1L << (63 - BitOperations.LeadingZeroCount((ulong)width))) == 0);

        var hash = new byte[MerkleHash.Size];
        var folded = false;
        for (var level = 0; (width >> level) != 0; level++)
        {
            if (((width >> level) & 1) == 0)
            {
                continue;
            }

            // The subtree for this bit starts after the larger subtrees of the higher bits.
            var position = start + ((width >> (level + 1)) << (level + 1));
            var subtree = Subtree(level, position >> level);
            if (folded)
            {
                MerkleHash.Node(subtree, hash, hash);
            }
            else
            {
                subtree.CopyTo(hash);
                folded = true;
            }
        }

        return hash;
    }

    private ReadOnlySpan<byte> Subtree(int level, long index) => Hash(_levels[level], checked((int)index));

    private static Span<byte> Hash(byte[] level, int index) => level.AsSpan(index * MerkleHash.Size, MerkleHash.Size);

    // The k of RFC 6962: the largest power of two smaller than n, for n >= 2.
    private static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
