using System.Text;

namespace Airlock.Sql;

/// <summary>Reads the object names a statement acts on, such as <c>public.orders</c> or <c>a, b</c>.</summary>
internal static class SqlNames
{
    private static readonly HashSet<string> NotAnAlias = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "USING", "RETURNING", "ORDER", "LIMIT", "FROM", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
        "CROSS", "NATURAL", "SET", "ON", "CASCADE", "RESTRICT", "RESTART", "CONTINUE", "IDENTITY", "OUTPUT",
        "WITH", "VALUES", "SELECT", "DEFAULT", "PARTITION", "IF", "TO", "STRAIGHT_JOIN", "FORCE", "USE",
        "IGNORE", "OPTION", "TABLE", "SYNC", "PERMANENTLY", "OVERRIDING", "DO", "WHEN", "OVERWRITE", "INTO",
        "AS", "AND", "OR", "FOR", "UNION", "GROUP", "HAVING", "WINDOW", "OFFSET", "FETCH", "DROP", "ADD",
        "ALTER", "RENAME", "OWNER", "DELETE", "UPDATE", "INSERT", "TRUNCATE", "CLEAR", "MODIFY", "DETACH",
        "ATTACH", "DISCARD", "IMPORT", "REPLACE", "FREEZE", "ENABLE", "DISABLE", "VALIDATE", "NO", "INHERIT",
        "CLUSTER", "RESET", "OF", "NOT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT", "COLUMN",
    };

    public static bool IsName(SqlTokenList tokens, int index) =>
        tokens.IsKind(index, SqlTokenKind.Word) || tokens.IsKind(index, SqlTokenKind.QuotedIdentifier);

    /// <summary>A dotted name starting at <paramref name="index"/>, unquoted; empty when none starts there.</summary>
    public static string ReadQualified(SqlTokenList tokens, int index, int end, out int next)
    {
        next = index;
        // MySQL names accounts with string literals: DROP USER 'bob'@'localhost'.
        if (index >= end || !(IsName(tokens, index) || tokens.IsKind(index, SqlTokenKind.String)))
        {
            return "";
        }

        var builder = new StringBuilder(tokens.Unquoted(index));
        var i = index + 1;
        while (i < end && tokens.IsSymbol(i, "."))
        {
            var dots = 1;
            while (i + dots < end && tokens.IsSymbol(i + dots, "."))
            {
                dots++;
            }

            if (i + dots >= end || !IsName(tokens, i + dots))
            {
                break;
            }

            builder.Append('.', dots).Append(tokens.Unquoted(i + dots));
            i += dots + 1;
        }

        next = i;
        return builder.ToString();
    }

    /// <summary>
    /// A comma-separated list of names, as in <c>DROP TABLE a, b</c> or <c>DELETE t1, t2 FROM …</c>;
    /// skips <c>*</c>, argument lists of functions and, when asked, table aliases.
    /// </summary>
    public static string ReadList(SqlTokenList tokens, int index, int end, bool skipAliases, out int next)
    {
        var names = new List<string>();
        var i = index;
        while (i < end)
        {
            var name = ReadQualified(tokens, i, end, out var after);
            if (name.Length == 0)
            {
                break;
            }

            names.Add(name);
            i = after;
            if (i < end && tokens.IsSymbol(i, "*"))
            {
                i++;
            }

            if (i < end && tokens.IsSymbol(i, "("))
            {
                i = Math.Min(end, tokens.Match(i) + 1);
            }

            if (skipAliases)
            {
                if (tokens.IsWord(i, "AS") && i + 1 < end && IsName(tokens, i + 1))
                {
                    i += 2;
                }
                else if (i < end && IsName(tokens, i) && !NotAnAlias.Contains(tokens.Span(i).ToString()))
                {
                    i++;
                }
            }

            if (i < end && tokens.IsSymbol(i, ","))
            {
                i++;
                continue;
            }

            break;
        }

        next = i;
        return string.Join(", ", names);
    }
}
