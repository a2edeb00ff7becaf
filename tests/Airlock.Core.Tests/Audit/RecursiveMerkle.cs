using Airlock.Audit;

namespace Airlock.Tests.Audit;

/// <summary>
/// RFC 6962 §2.1's recursive definitions, transcribed as literally as possible and as slowly as they
/// read (O(n) per call): the oracle the fast tree is compared with at sizes the vectors do not cover.
/// </summary>
internal static class RecursiveMerkle
{
    /// <summary>MTH(D[n]).</summary>
    public static byte[] Root(ReadOnlySpan<byte[]> leafHashes) => leafHashes.Length switch
    {
        0 => MerkleHash.EmptyRoot,
        1 => leafHashes[0],
        var n => MerkleHash.Node(Root(leafHashes[..Split(n)]), Root(leafHashes[Split(n)..])),
    };

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, ReadOnlySpan<byte[]> leafHashes)
    {
        var n = leafHashes.Length;
        if (n == 1)
        {
            return [];
        }

        var k = Split(n);
        if (m < k)
        {
            return [.. Path(m, leafHashes[..k]), Root(leafHashes[k..])];
        }

        return [.. Path(m - k, leafHashes[k..]), Root(leafHashes[..k])];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Proof(int m, ReadOnlySpan<byte[]> leafHashes) => SubProof(m, leafHashes, true);

    private static List<byte[]> SubProof(int m, ReadOnlySpan<byte[]> leafHashes, bool b)
    {
        var n = leafHashes.Length;
        if (m == n)
        {
            return b ? [] : [Root(leafHashes)];
        }

        var k = Split(n);
        if (m <= k)
        {
            return [.. SubProof(m, leafHashes[..k], b), Root(leafHashes[k..])];
        }

        return [.. SubProof(m - k, leafHashes[k..], false), Root(leafHashes[..k])];
    }

    // k: the largest power of two smaller than n.
    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
