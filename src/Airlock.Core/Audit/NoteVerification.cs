namespace Airlock.Audit;

/// <summary>
/// The outcome of <see cref="SignedNote.Verify"/>. <see cref="Body"/> is set only when the note is
/// accepted (no <see cref="Error"/>): at least one given key verified it and no given key's signature failed.
/// </summary>
/// <param name="Body">The note text, including its final newline; null unless accepted.</param>
/// <param name="VerifiedBy">The given keys whose signatures verified.</param>
/// <param name="Unknown">Signature lines whose (name, key ID) matches no given key: reported, not fatal by themselves.</param>
/// <param name="Invalid">Signature lines from a given key that do not verify.</param>
/// <param name="Error">Why the note is rejected, or null when it is accepted.</param>
public sealed record NoteVerification(
    string? Body,
    IReadOnlyList<AuditPublicKey> VerifiedBy,
    IReadOnlyList<NoteSignature> Unknown,
    IReadOnlyList<NoteSignature> Invalid,
    string? Error)
{
    /// <summary>Whether the note is accepted: <see cref="Error"/> is null and <see cref="Body"/> is set.</summary>
    public bool IsVerified => Error is null;
}
