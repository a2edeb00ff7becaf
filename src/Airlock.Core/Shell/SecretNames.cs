namespace Airlock.Shell;

/// <summary>Recognizes variable names that hold secrets (<c>AWS_SECRET_ACCESS_KEY</c>, <c>GITHUB_TOKEN</c>).</summary>
internal static class SecretNames
{
    private static readonly string[] Words = ["SECRET", "TOKEN", "PASSWORD", "PASSWD", "APIKEY", "API_KEY", "PRIVATE_KEY", "CREDENTIAL", "SESSION_KEY", "ACCESS_KEY", "DATABASE_URL"];

    public static bool LooksSecret(string name)
    {
        foreach (var word in Words)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
