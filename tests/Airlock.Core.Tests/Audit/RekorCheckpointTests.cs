using System.Text.Json;
using Airlock.Audit;

namespace Airlock.Tests.Audit;

/// <summary>
/// Interoperability with a deployed transparency log: checkpoints signed by Sigstore's production
/// Rekor (ECDSA P-256 signed notes) and one of its inclusion proofs, taken from public sources.
/// </summary>
public sealed class RekorCheckpointTests
{
    // From sigstore/sigstore-js, packages/client/src/__tests__/tlog/verify/checkpoint.test.ts ("returns true").
    private const string SigstoreJsCheckpoint =
        "rekor.sigstore.dev - 2605736670972794746\n21428036\nrxnoKyFZlJ7/R6bMh/d3lcqwKqAy5CL1LcNBJP17kgQ=\nTimestamp: 1688058656037355364\n\n" +
        "\u2014 rekor.sigstore.dev wNI9ajBFAiEAuDk7uu5Ae8Own/MjhSZNuVzbLuYH2jBMxbSA0WaNDNACIDV4reKpYiOpkwtvazCClnpUuduF2o/th2xR3gRZAUU4\n";

    private static readonly AuditPublicKey Rekor = AuditPublicKey.FromPem(RekorKey.Name, RekorKey.Pem);

    private static readonly JsonElement PypiEntry = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Audit", "Vectors", "rekor-pypi-attestation-entry.json"))).RootElement;

    [Fact]
    public void Verify_SigstoreJsCheckpoint_IsSignedByRekorAndParses()
    {
        var result = SignedNote.Verify(SigstoreJsCheckpoint, [Rekor]);

        Assert.True(result.IsVerified, result.Error);
        Assert.True(Checkpoint.TryParse(result.Body!, out var checkpoint, out var error), error);
        Assert.Equal("rekor.sigstore.dev - 2605736670972794746", checkpoint.Origin);
        Assert.Equal(21428036, checkpoint.Size);
        Assert.Equal(["Timestamp: 1688058656037355364"], checkpoint.Extensions);
        Assert.Equal(result.Body, checkpoint.ToBody());
    }

    [Fact]
    public void Verify_SigstoreJsCheckpointWithAnotherSize_IsInvalid()
    {
        var result = SignedNote.Verify(SigstoreJsCheckpoint.Replace("\n21428036\n", "\n21428037\n", StringComparison.Ordinal), [Rekor]);

        Assert.False(result.IsVerified);
        Assert.Single(result.Invalid);
    }

    [Fact]
    public void Verify_RekorCheckpointWithTheKeyUnderAnotherName_IsUnknown()
    {
        var renamed = AuditPublicKey.FromPem("rekor.example", RekorKey.Pem);

        var result = SignedNote.Verify(SigstoreJsCheckpoint, [renamed]);

        Assert.False(result.IsVerified);
        Assert.Single(result.Unknown);
    }

    [Fact]
    public void PypiAttestationEntry_LogIdIsTheRekorKeyFingerprint()
    {
        var logId = PypiEntry.GetProperty("logId").GetString()!;
        Assert.Equal("SHA256:" + logId.TrimEnd('='), Rekor.Fingerprint);
    }

    [Fact]
    public void PypiAttestationEntry_CheckpointVerifiesAndItsInclusionProofReachesItsRoot()
    {
        var proof = PypiEntry.GetProperty("inclusionProof");
        var note = proof.GetProperty("checkpoint").GetProperty("envelope").GetString()!;
        var index = long.Parse(proof.GetProperty("logIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var hashes = proof.GetProperty("hashes").EnumerateArray().Select(hash => Convert.FromBase64String(hash.GetString()!)).ToList();
        var leaf = MerkleHash.Leaf(Convert.FromBase64String(PypiEntry.GetProperty("canonicalizedBody").GetString()!));

        var verification = SignedNote.Verify(note, [Rekor]);
        Assert.True(verification.IsVerified, verification.Error);
        Assert.True(Checkpoint.TryParse(verification.Body!, out var checkpoint, out var error), error);
        Assert.Equal(97323998, checkpoint.Size);

        Assert.True(MerkleProof.VerifyInclusion(index, checkpoint.Size, leaf, hashes, checkpoint.RootHash));
        Assert.False(MerkleProof.VerifyInclusion(index - 1, checkpoint.Size, leaf, hashes, checkpoint.RootHash));
        hashes[7][0] ^= 1;
        Assert.False(MerkleProof.VerifyInclusion(index, checkpoint.Size, leaf, hashes, checkpoint.RootHash));
    }
}
