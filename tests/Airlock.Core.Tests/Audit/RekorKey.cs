namespace Airlock.Tests.Audit;

/// <summary>
/// The public key of Sigstore's production Rekor log (rekor.sigstore.dev), as published in Sigstore's
/// trust root and quoted by sigstore/sigstore-js's checkpoint tests. Its Rekor log ID, published in
/// every Rekor entry, is SHA-256 of this DER: c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d.
/// </summary>
internal static class RekorKey
{
    public const string Name = "rekor.sigstore.dev";

    public const string Pem =
        "-----BEGIN PUBLIC KEY-----\n" +
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2G2Y+2tabdTV5BcGiBIx0a9fAFwr\n" +
        "kBbmLSGtks4L3qX6yYY0zufBnhC8Ur/iy55GhWP/9A/bY2LhC30M9+RYtw==\n" +
        "-----END PUBLIC KEY-----\n";

    public const string LogIdHex = "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d";
}
