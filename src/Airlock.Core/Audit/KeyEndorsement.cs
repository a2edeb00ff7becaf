namespace Airlock.Audit;

/// <summary>The note a retiring checkpoint key signs to introduce its successor (carried in the <c>key.added</c> record).</summary>
public static class KeyEndorsement
{
    public static string Body(string origin, string newFingerprint) => $"airlock key rotation\n{origin}\n{newFingerprint}\n";
}
