using System.Security.Cryptography;

namespace Airlock.Audit;

/// <summary>The Merkle tree hashes of RFC 6962 §2.1 (RFC 9162 §2.1.1) with SHA-256.</summary>
/// <remarks>
/// Leaves and interior nodes get different one-byte prefixes, so a leaf can never be passed off as a
/// node (second-preimage resistance, RFC 6962 §2.1).
/// </remarks>
public static class MerkleHash
{
    /// <summary>The length of every hash in the tree, in bytes.</summary>
    public const int Size = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    private static readonly byte[] EmptyRootBytes = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    // One reusable hash context per thread: 10-20% faster than SHA256.HashData, which sets up a new
    // native context on every call (measured with Stopwatch loops for leaves of 64 B to 10 kB and for
    // nodes, .NET 10 on Linux, 2 vCPUs). The verifier hashes 500k+ records a second.
    [ThreadStatic]
    private static IncrementalHash? _sha256;

    private static IncrementalHash Sha256 => _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). A fresh copy each time.</summary>
    public static byte[] EmptyRoot => (byte[])EmptyRootBytes.Clone();

    internal static ReadOnlySpan<byte> EmptyRootSpan => EmptyRootBytes;

    /// <summary>SHA-256(0x00 || data): the hash of one log entry.</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    /// <summary>SHA-256(0x00 || data) written to <paramref name="hash"/> (exactly <see cref="Size"/> bytes), without allocating.</summary>
    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        RequireDestination(hash);
        var sha256 = Sha256;
        sha256.AppendData([LeafPrefix]);
        sha256.AppendData(data);
        sha256.GetHashAndReset(hash);
    }

    /// <summary>SHA-256(0x01 || left || right): the hash of an interior node.</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>SHA-256(0x01 || left || right) written to <paramref name="hash"/>, which may overlap either child.</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> hash)
    {
        // Children of any other length would make left || right ambiguous.
        RequireHash(left, nameof(left));
        RequireHash(right, nameof(right));
        RequireDestination(hash);

        // One append of a stack copy: about 20% faster than three appends in the same measurement.
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        var sha256 = Sha256;
        sha256.AppendData(buffer);
        sha256.GetHashAndReset(hash);
    }

    private static void RequireHash(ReadOnlySpan<byte> hash, string parameter)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"A Merkle hash is {Size} bytes, not {hash.Length}.", parameter);
        }
    }

    private static void RequireDestination(Span<byte> hash)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"The destination of a Merkle hash must be {Size} bytes, not {hash.Length}.", nameof(hash));
        }
    }
}
