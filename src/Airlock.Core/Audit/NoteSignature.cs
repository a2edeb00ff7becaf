namespace Airlock.Audit;

/// <summary>One signature line of a signed note: the key name, the 4-byte key ID and the signature bytes after it.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);
