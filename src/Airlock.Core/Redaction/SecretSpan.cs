namespace Airlock.Redaction;

/// <summary>
/// A stretch of text to replace. Where two finders claim exactly the same stretch, the higher
/// priority names the kind (a GitHub token after <c>--token</c> is reported as a GitHub token).
/// </summary>
internal readonly record struct SecretSpan(int Start, int End, string Kind, int Priority = SecretSpan.ByContext)
{
    /// <summary>Found from what surrounds the value: a secret-looking name, option or header.</summary>
    public const int ByContext = 0;

    /// <summary>Found from the value's own format: a known token prefix or a private-key block.</summary>
    public const int ByFormat = 1;
}
