namespace Airlock.Http;

/// <summary>Judges from its words whether a GraphQL mutation field destroys data: <c>volumeDelete</c>, <c>drop_table</c>.</summary>
internal static class DestructiveFieldNames
{
    // "cancel" is deliberately absent: cancelling a job or an order is routine and reversible.
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "delete", "deletes", "deleted", "deleting", "deletion", "del",
        "destroy", "destroys", "destroyed",
        "remove", "removes", "removed", "removal",
        "drop", "drops", "dropped",
        "purge", "purges", "purged",
        "wipe", "wipes", "wiped",
        "erase", "erases", "erased",
        "terminate", "terminates", "terminated", "termination",
        "truncate", "truncates", "truncated",
        "reset", "resets",
        "revoke", "revokes", "revoked", "revocation",
        "nuke", "obliterate", "discard", "unpublish", "deprovision", "decommission",
        "flush", "flushall", "flushdb",
    };

    public static bool IsDestructive(string fieldName)
    {
        foreach (var word in SplitWords(fieldName))
        {
            if (Words.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits camelCase, PascalCase, snake_case and runs of capitals: <c>bulkDELETEUsers</c> → bulk, DELETE, Users.</summary>
    public static IEnumerable<string> SplitWords(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || IsBoundary(name, i))
            {
                var word = name[start..i].Trim('_', '-');
                if (word.Length > 0)
                {
                    yield return word;
                }

                start = i;
            }
        }
    }

    private static bool IsBoundary(string name, int i)
    {
        char previous = name[i - 1], current = name[i];
        if (current is '_' or '-' || previous is '_' or '-')
        {
            return true;
        }

        if (char.IsAsciiDigit(current) != char.IsAsciiDigit(previous))
        {
            return true;
        }

        // "volumeDelete": lower then upper. "DELETEUsers": the last capital of a run starts a word.
        return (char.IsLower(previous) && char.IsUpper(current))
            || (char.IsUpper(previous) && char.IsUpper(current) && i + 1 < name.Length && char.IsLower(name[i + 1]));
    }
}
