namespace Airlock.Sql;

/// <summary>
/// Classifies client commands that are not SQL: psql/mysql backslash commands (<c>\dt</c>,
/// <c>\i file</c>, <c>\! cmd</c>) and SQLite dot commands (<c>.tables</c>, <c>.read file</c>).
/// Most only describe; a few run files, shell commands or query output.
/// </summary>
internal static class SqlClientCommandClassifier
{
    public static void Classify(string line, SqlFindingSink sink)
    {
        var text = line.Trim();
        if (text.Length < 2)
        {
            sink.Add(SqlKinds.Create(SqlKinds.Read, "", text));
            return;
        }

        // "\!ls" and "\. file" need no space; otherwise the command runs to the first blank.
        var nameEnd = 2;
        if (text[0] != '\\' || text[1] is not ('!' or '.'))
        {
            while (nameEnd < text.Length && !char.IsWhiteSpace(text[nameEnd]))
            {
                nameEnd++;
            }
        }

        var name = text[1..nameEnd].TrimEnd('+').ToLowerInvariant();
        var argument = text[nameEnd..].Trim();
        sink.Add(text[0] == '\\' ? Backslash(name, argument, text) : Dot(name, argument, text));
    }

    private static SqlFinding Backslash(string name, string argument, string evidence)
    {
        switch (name)
        {
            case "!":
                return SqlKinds.Create(SqlKinds.Shell, argument, evidence);
            case "i" or "ir" or "include" or "include_relative" or ".":
                return SqlKinds.Unrecognised(argument, evidence, destructive: false);
            case "gexec":
                // Runs every cell of the query result as a statement.
                return SqlKinds.Opaque("(query output)", evidence);
            case "o" or "out" or "g" or "gx" or "w" or "write" when argument.StartsWith('|'):
                return SqlKinds.Create(SqlKinds.Shell, argument[1..].Trim(), evidence);
            case "copy":
                {
                    var sink = new SqlFindingSink(1);
                    var tokens = SqlLexer.Tokenize(argument, backslashEscapes: false);
                    SqlUtilityClassifier.Copy(tokens, 0, tokens.Count, clientSide: true, evidence, sink);
                    return sink.Items[0];
                }

            case "lo_unlink":
                return SqlKinds.Create(SqlKinds.Delete, argument, evidence);
            case "lo_import":
                return SqlKinds.Create(SqlKinds.Write, argument, evidence);
            default:
                return SqlKinds.Create(SqlKinds.Read, argument, evidence);
        }
    }

    private static SqlFinding Dot(string name, string argument, string evidence)
    {
        switch (name)
        {
            case "shell" or "system":
                return SqlKinds.Create(SqlKinds.Shell, argument, evidence);
            case "read":
                return SqlKinds.Unrecognised(argument, evidence, destructive: false);
            case "load":
                return SqlKinds.Opaque(argument, evidence);
            case "import":
                return SqlKinds.Create(SqlKinds.Write, argument, evidence);
            case "restore":
                // Replaces the whole database with the file's contents.
                return SqlKinds.Create(SqlKinds.Write, argument, evidence) with { Reversibility = Model.Reversibility.Irreversible };
            case "once" or "output" when argument.TrimStart('\'', '"').StartsWith('|'):
                return SqlKinds.Create(SqlKinds.Shell, argument.Trim('\'', '"')[1..].Trim(), evidence);
            default:
                return SqlKinds.Create(SqlKinds.Read, argument, evidence);
        }
    }
}
