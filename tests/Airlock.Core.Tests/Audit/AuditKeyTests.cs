using System.Security.Cryptography;
using System.Text;
using Airlock.Audit;

namespace Airlock.Tests.Audit;

public sealed class AuditKeyTests
{
    [Fact]
    public void FromPem_RekorKey_HasThePublishedLogIdAsKeyIdAndFingerprint()
    {
        var key = AuditPublicKey.FromPem(RekorKey.Name, RekorKey.Pem);
        var logId = Convert.FromHexString(RekorKey.LogIdHex);

        Assert.Equal(RekorKey.Name, key.Name);
        Assert.Equal(0xc0d23d6au, key.KeyId);
        Assert.Equal("SHA256:" + Convert.ToBase64String(logId).TrimEnd('='), key.Fingerprint);
        Assert.Equal("SHA256:wNI9atQGlz+VWfO6LRygH4QUfY/8W4RFwiT5i5WRgB0", key.Fingerprint);
    }

    [Fact]
    public void FromPem_RekorKey_KeepsTheDerAndWritesTheSamePem()
    {
        var key = AuditPublicKey.FromPem(RekorKey.Name, RekorKey.Pem);

        Assert.Equal(PemEncoding.Find(RekorKey.Pem).DecodedDataLength, key.SubjectPublicKeyInfo.Length);
        Assert.Equal(RekorKey.Pem.TrimEnd(), key.Pem.TrimEnd());
        Assert.Equal(key.KeyId, AuditPublicKey.FromSubjectPublicKeyInfo("other.name", key.SubjectPublicKeyInfo).KeyId);
    }

    [Fact]
    public void FromPem_RsaKey_ThrowsSayingAuditKeysAreP256()
    {
        using var rsa = RSA.Create(2048);
        var error = Assert.Throws<FormatException>(() => AuditPublicKey.FromPem("log", rsa.ExportSubjectPublicKeyInfoPem()));
        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_P384Key_ThrowsNamingTheCurve()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var error = Assert.Throws<FormatException>(() => AuditPublicKey.FromPem("log", p384.ExportSubjectPublicKeyInfoPem()));
        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_PrivateKey_ThrowsSayingWhatWasFound()
    {
        using var key = AuditSigningKey.Generate("log");
        var error = Assert.Throws<FormatException>(() => AuditPublicKey.FromPem("log", key.ExportPkcs8Pem()));
        Assert.Contains("found '-----BEGIN PRIVATE KEY-----'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n")]
    public void FromPem_NotPem_ThrowsFormatException(string pem)
    {
        Assert.Throws<FormatException>(() => AuditPublicKey.FromPem("log", pem));
    }

    [Fact]
    public void FromPem_TwoBlocks_ThrowsInsteadOfIgnoringOne()
    {
        var error = Assert.Throws<FormatException>(() => AuditPublicKey.FromPem("log", RekorKey.Pem + RekorKey.Pem));
        Assert.Contains("exactly one PEM block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSubjectPublicKeyInfo_TrailingBytes_Throws()
    {
        var spki = AuditPublicKey.FromPem(RekorKey.Name, RekorKey.Pem).SubjectPublicKeyInfo;
        Assert.Throws<FormatException>(() => AuditPublicKey.FromSubjectPublicKeyInfo("log", [.. spki, 0]));
        Assert.Throws<FormatException>(() => AuditPublicKey.FromSubjectPublicKeyInfo("log", spki[..^1]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has+plus")]
    [InlineData("has\ttab")]
    [InlineData("no\u00a0break")]
    public void Keys_InvalidSignedNoteName_Throw(string name)
    {
        Assert.Throws<ArgumentException>(() => AuditSigningKey.Generate(name));
        Assert.Throws<ArgumentException>(() => AuditPublicKey.FromPem(name, RekorKey.Pem));
    }

    [Fact]
    public void ExportPkcs8Pem_ReadBack_IsTheSameKey()
    {
        using var key = AuditSigningKey.Generate("airlock.example/audit");
        using var again = AuditSigningKey.FromPkcs8Pem("airlock.example/audit", key.ExportPkcs8Pem());

        Assert.Equal(key.PublicKey.SubjectPublicKeyInfo, again.PublicKey.SubjectPublicKeyInfo);
        Assert.True(SignedNote.Verify(again.SignNote("text\n"), [key.PublicKey]).IsVerified);
    }

    [Fact]
    public void FromPkcs8Pem_Sec1EcPrivateKey_ThrowsWithTheCommandThatConvertsIt()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var error = Assert.Throws<FormatException>(() => AuditSigningKey.FromPkcs8Pem("log", ec.ExportECPrivateKeyPem()));
        Assert.Contains("openssl pkcs8 -topk8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPkcs8Pem_EncryptedKey_ThrowsSayingWhatWasFound()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = ec.ExportEncryptedPkcs8PrivateKeyPem("password", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var error = Assert.Throws<FormatException>(() => AuditSigningKey.FromPkcs8Pem("log", encrypted));
        Assert.Contains("ENCRYPTED PRIVATE KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPkcs8Pem_OtherKeyTypes_ThrowFormatException()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        Assert.Throws<FormatException>(() => AuditSigningKey.FromPkcs8Pem("log", p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<FormatException>(() => AuditSigningKey.FromPkcs8Pem("log", rsa.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<FormatException>(() => AuditSigningKey.FromPkcs8Pem("log", RekorKey.Pem));
    }

    [Fact]
    public void VerifySignature_DerSignature_VerifiesAndTheFixedWidthEncodingDoesNot()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = AuditPublicKey.FromSubjectPublicKeyInfo("log", ec.ExportSubjectPublicKeyInfo());
        var message = Encoding.UTF8.GetBytes("text\n");

        var der = ec.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var fixedWidth = ec.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.True(key.VerifySignature(message, der));
        Assert.False(key.VerifySignature(message, fixedWidth));
        Assert.False(key.VerifySignature(message, der.AsSpan(0, der.Length - 1)));
        Assert.False(key.VerifySignature(message, []));
    }
}
