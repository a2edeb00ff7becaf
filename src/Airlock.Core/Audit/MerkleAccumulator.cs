using System.Numerics;

namespace Airlock.Audit;

/// <summary>
/// The root of a growing log in O(log n) memory: the hashes of the perfect subtrees covering leaves
/// [0, Size), a compact range from 0.
/// </summary>
public sealed class MerkleAccumulator
{
    // A size below 2^63 has at most 63 one bits; Append briefly holds one subtree more.
    private const int MaxSubtrees = 64;

    // The perfect-subtree hashes, largest (leftmost) first, back to back.
    private readonly byte[] _subtrees = new byte[MaxSubtrees * MerkleHash.Size];
    private int _count;

    /// <summary>An accumulator over the empty log.</summary>
    public MerkleAccumulator()
    {
    }

    /// <summary>The number of leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Resumes from the hashes of the perfect subtrees covering leaves [0, size), left to right (largest
    /// first), as <see cref="CompactRange"/> returns them.
    /// </summary>
    /// <exception cref="ArgumentException">The count is not the number of one bits of <paramref name="size"/>, or a hash is not 32 bytes.</exception>
    public static MerkleAccumulator FromCompactRange(long size, IReadOnlyList<byte[]> hashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(hashes);

        var expected = BitOperations.PopCount((ulong)size);
        if (hashes.Count != expected)
        {
            throw new ArgumentException(
                $"The compact range of a log of {size} leaves holds {expected} hashes (one per one bit of the size), not {hashes.Count}.",
                nameof(hashes));
        }

        var accumulator = new MerkleAccumulator { Size = size, _count = expected };
        for (var i = 0; i < expected; i++)
        {
            if (hashes[i] is not { Length: MerkleHash.Size } hash)
            {
                throw new ArgumentException($"Hash {i} of the compact range is not {MerkleHash.Size} bytes.", nameof(hashes));
            }

            hash.CopyTo(accumulator.Slot(i));
        }

        return accumulator;
    }

    /// <summary>Appends the leaf hash (<see cref="MerkleHash.Leaf(ReadOnlySpan{byte})"/>) of the next entry.</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"A leaf hash is {MerkleHash.Size} bytes, not {leafHash.Length}.", nameof(leafHash));
        }

        if (Size == long.MaxValue)
        {
            throw new InvalidOperationException("The log holds the most leaves a 64-bit size can count.");
        }

        leafHash.CopyTo(Slot(_count));
        _count++;

        // Each trailing one bit of the old size is a perfect subtree that the new leaf's subtree now
        // pairs with, like a carry in binary addition.
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            _count--;
            MerkleHash.Node(Slot(_count - 1), Slot(_count), Slot(_count - 1));
        }

        Size++;
    }

    /// <summary>The RFC 6962 Merkle tree hash of the leaves so far; <see cref="MerkleHash.EmptyRoot"/> when there are none.</summary>
    public byte[] Root()
    {
        if (_count == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        // RFC 6962 splits at the largest power of two, so the root folds the subtrees from the right.
        var root = Slot(_count - 1).ToArray();
        for (var i = _count - 2; i >= 0; i--)
        {
            MerkleHash.Node(Slot(i), root, root);
        }

        return root;
    }

    /// <summary>The perfect-subtree hashes covering [0, Size), left to right (largest first); copies.</summary>
    public IReadOnlyList<byte[]> CompactRange()
    {
        var hashes = new byte[_count][];
        for (var i = 0; i < _count; i++)
        {
            hashes[i] = Slot(i).ToArray();
        }

        return hashes;
    }

    private Span<byte> Slot(int index) => _subtrees.AsSpan(index * MerkleHash.Size, MerkleHash.Size);
}
