using System.Security.Cryptography;
using System.Text;
using Airlock.Server.Proxy;

namespace Airlock.Server.Tests.Proxy;

/// <summary>The proxy's encryption at rest: AES-256-GCM with a key file of its own, values bound to what they are.</summary>
public sealed class SecretBoxTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "airlock-box-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void SealedValue_OpensOnlyAsWhatItWasSealedAs()
    {
        var box = new SecretBox(_folder);
        var sealedValue = box.Seal(Encoding.UTF8.GetBytes("rw_live_secret"), "credential railway");

        Assert.Equal("rw_live_secret", Encoding.UTF8.GetString(box.Open(sealedValue, "credential railway")));
        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedValue, "credential staging"));
        sealedValue[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => box.Open(sealedValue, "credential railway"));
    }

    [Fact]
    public void SameSecretSealedTwice_GivesDifferentValues_NeitherContainingIt()
    {
        var box = new SecretBox(_folder);
        var secret = Encoding.UTF8.GetBytes("rw_live_secret");

        var first = box.Seal(secret, "a");
        var second = box.Seal(secret, "a");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("rw_live", Encoding.Latin1.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFile_IsCreatedOwnerOnly_AndAnotherGatewayOnTheSameFolderReadsTheSameKey()
    {
        var sealedValue = new SecretBox(_folder).Seal([1, 2, 3], "x");

        Assert.Equal([1, 2, 3], new SecretBox(_folder).Open(sealedValue, "x"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, SecretBox.KeyFileName)));
        }
    }

    [Fact]
    public void KeyFileOthersCanRead_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        new SecretBox(_folder).EnsureKey();
        var path = Path.Combine(_folder, SecretBox.KeyFileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = Assert.Throws<IOException>(() => new SecretBox(_folder).EnsureKey());
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
