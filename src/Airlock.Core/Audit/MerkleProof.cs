namespace Airlock.Audit;

/// <summary>
/// Verification of inclusion and consistency proofs with the iterative algorithms of RFC 9162
/// §2.1.3.2 and §2.1.4.2. Every malformed input (a wrong length, a size out of range, a proof too
/// long or too short) is a failed verification, never an exception.
/// </summary>
public static class MerkleProof
{
    /// <summary>Whether <paramref name="proof"/> shows that the leaf at <paramref name="index"/> is in the tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size || !AreHashes(proof))
        {
            return false;
        }

        var fn = (ulong)index;
        var sn = (ulong)(size - 1);
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);

        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);

                // fn == sn and even: the node is the last on its level and has no right sibling,
                // so it rises unchanged (the tree's right border) until it is a right child.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(root);
    }

    /// <summary>
    /// Whether <paramref name="proof"/> shows that the tree of <paramref name="oldSize"/> leaves with
    /// <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> leaves with
    /// <paramref name="newRoot"/>.
    /// </summary>
    /// <remarks>
    /// Equal sizes need an empty proof and equal roots. The empty tree (whose root is
    /// <see cref="MerkleHash.EmptyRoot"/>) is a prefix of every tree, with an empty proof.
    /// </remarks>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || newSize < oldSize || oldRoot.Length != MerkleHash.Size || newRoot.Length != MerkleHash.Size || !AreHashes(proof))
        {
            return false;
        }

        if (oldSize == 0)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(MerkleHash.EmptyRootSpan) && (newSize > 0 || newRoot.SequenceEqual(oldRoot));
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // When the old tree is a perfect subtree of the new one, the proof leaves out its root (the
        // verifier has it); RFC 9162 prepends it. Reading it in place avoids copying the list.
        var oldTreeIsPerfect = (oldSize & (oldSize - 1)) == 0;
        var hashes = proof.Count + (oldTreeIsPerfect ? 1 : 0);
        ReadOnlySpan<byte> At(int i, ReadOnlySpan<byte> oldRootHash) =>
            oldTreeIsPerfect ? (i == 0 ? oldRootHash : proof[i - 1]) : proof[i];

        var fn = (ulong)(oldSize - 1);
        var sn = (ulong)(newSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        At(0, oldRoot).CopyTo(fr);
        At(0, oldRoot).CopyTo(sr);

        for (var i = 1; i < hashes; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var c = At(i, oldRoot);
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.SequenceEqual(oldRoot) && sr.SequenceEqual(newRoot);
    }

    private static bool AreHashes(IReadOnlyList<byte[]>? proof)
    {
        if (proof is null)
        {
            return false;
        }

        foreach (var hash in proof)
        {
            if (hash is not { Length: MerkleHash.Size })
            {
                return false;
            }
        }

        return true;
    }
}
