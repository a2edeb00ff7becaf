namespace Airlock.Redaction;

/// <summary>
/// Finds secrets in options that only some programs give that meaning: <c>mysql -psecret</c> (glued
/// only; a bare <c>-p</c> prompts), <c>sshpass -p secret</c>, <c>curl -u user:secret</c>,
/// <c>http -a user:secret</c>, <c>redis-cli -a secret</c>, <c>docker login -p secret</c>. Words are read in order and each option is
/// judged by the last program named on the same line, so <c>sshpass -p x ssh -p 2222</c> keeps the port.
/// </summary>
internal static class ProgramOptionSecrets
{
    private static readonly ProgramOption[] MySql = [new("-p", Glued: true, Separate: false, ProgramOptionValue.Whole, RedactionKinds.Password)];

    private static readonly ProgramOption[] Curl =
    [
        new("-u", Glued: true, Separate: true, ProgramOptionValue.AfterColon, RedactionKinds.Password),
        new("-U", Glued: true, Separate: true, ProgramOptionValue.AfterColon, RedactionKinds.Password),
        new("--user", Glued: false, Separate: true, ProgramOptionValue.AfterColon, RedactionKinds.Password),
        new("--proxy-user", Glued: false, Separate: true, ProgramOptionValue.AfterColon, RedactionKinds.Password),
        new("-b", Glued: true, Separate: true, ProgramOptionValue.CookiePairs, RedactionKinds.Cookie),
    ];

    private static readonly ProgramOption[] Httpie =
    [
        new("-a", Glued: true, Separate: true, ProgramOptionValue.AfterColon, RedactionKinds.Password),
        new("--auth", Glued: false, Separate: true, ProgramOptionValue.AfterColon, RedactionKinds.Password),
    ];

    private static readonly ProgramOption[] PasswordAfterP = [new("-p", Glued: true, Separate: true, ProgramOptionValue.Whole, RedactionKinds.Password)];
    private static readonly ProgramOption[] PasswordAfterA = [new("-a", Glued: false, Separate: true, ProgramOptionValue.Whole, RedactionKinds.Password)];

    // Programs named only so that their own options (ssh -p 2222, docker run -u 1000:1000) end the previous program's.
    private static readonly ProgramOption[] None = [];

    // Container tools: -p is a port to "docker run" and a password to "docker login".
    private static readonly ProgramOption[] RegistryTool = [];

    private static readonly Dictionary<string, ProgramOption[]> Programs = Table(
        (MySql, ["mysql", "mariadb", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mysqlshow", "mysqlsh", "mariadb-dump", "mariadb-admin"]),
        (PasswordAfterP, ["sshpass", "mongosh", "mongo"]),
        (PasswordAfterA, ["redis-cli", "valkey-cli"]),
        (Curl, ["curl"]),
        (Httpie, ["http", "https", "xh", "xhs"]),
        (RegistryTool, ["docker", "podman", "nerdctl", "buildah", "skopeo", "helm", "oras"]),
        (None, ["ssh", "scp", "sftp", "rsync", "psql", "pg_dump", "pg_restore", "kubectl", "mkdir", "cp", "nc", "git"]));

    private static readonly Dictionary<string, ProgramOption[]>.AlternateLookup<ReadOnlySpan<char>> ProgramLookup =
        Programs.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Find(string text, List<SecretSpan> spans)
    {
        ProgramOption[]? options = null;
        var at = 0;
        while (at < text.Length)
        {
            var c = text[at];
            if (c is '\n' or '\r')
            {
                options = null;
            }

            if (char.IsWhiteSpace(c))
            {
                at++;
                continue;
            }

            var end = WordEnd(text, at);
            var word = text.AsSpan(at, end - at);
            var resume = end;
            if (ProgramLookup.TryGetValue(ProgramName(word), out var named))
            {
                options = named;
            }
            else if (ReferenceEquals(options, RegistryTool) && word.SequenceEqual("login"))
            {
                options = PasswordAfterP;
            }
            else if (options is { Length: > 0 })
            {
                var optionStart = SecretValues.IsQuote(c) ? at + 1 : at;
                if (optionStart < end && text[optionStart] == '-')
                {
                    resume = Math.Max(end, TryRedact(text, optionStart, end, options, spans));
                }
            }

            if (word[^1] is ';' or '|' or '&')
            {
                options = null;
            }

            at = resume;
        }
    }

    private static int TryRedact(string text, int start, int wordEnd, ProgramOption[] options, List<SecretSpan> spans)
    {
        var word = text.AsSpan(start, wordEnd - start);
        foreach (var option in options)
        {
            if (!word.StartsWith(option.Name, StringComparison.Ordinal))
            {
                continue;
            }

            int at;
            if (word.Length == option.Name.Length || (SecretValues.IsQuote(word[^1]) && word.Length == option.Name.Length + 1))
            {
                at = SecretValues.SkipToNextWord(text, wordEnd);
                if (!option.Separate || at >= text.Length || text[at] == '-')
                {
                    return wordEnd;
                }
            }
            else if (option.Glued)
            {
                at = start + option.Name.Length;
            }
            else
            {
                continue;
            }

            return Redact(text, at, option, spans);
        }

        return wordEnd;
    }

    private static int Redact(string text, int at, ProgramOption option, List<SecretSpan> spans)
    {
        if (SecretValues.HoldsNoSecret(text, SecretValues.ContentStart(text, at)))
        {
            return at;
        }

        var value = SecretValues.Read(text, at);
        var start = value.Start;
        var valueText = text.AsSpan(value.Start, value.Length);
        if (option.Value == ProgramOptionValue.AfterColon)
        {
            var colon = SecretValues.IndexOfColon(valueText);
            if (colon < 0 || SecretValues.HoldsNoSecret(text, value.Start + colon + 1))
            {
                return value.Resume;
            }

            start = value.Start + colon + 1;
        }
        else if (option.Value == ProgramOptionValue.CookiePairs && !valueText.Contains('='))
        {
            return value.Resume;
        }

        if (start < value.End && !SecretValues.IsLiteral(text.AsSpan(start, value.End - start)))
        {
            spans.Add(new SecretSpan(start, value.End, option.Kind));
        }

        return value.Resume;
    }

    private static Dictionary<string, ProgramOption[]> Table(params (ProgramOption[] Options, string[] Programs)[] groups)
    {
        var table = new Dictionary<string, ProgramOption[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (options, programs) in groups)
        {
            foreach (var program in programs)
            {
                table[program] = options;
            }
        }

        return table;
    }

    private static int WordEnd(string text, int at)
    {
        while (at < text.Length && !char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>The program a word names: <c>/usr/bin/mysql</c>, <c>"mysql</c>, <c>$(mysql</c> and <c>mysql.exe</c> are all mysql.</summary>
    private static ReadOnlySpan<char> ProgramName(ReadOnlySpan<char> word)
    {
        word = word.TrimStart("\"'($`{").TrimEnd("\"';)&|`}");
        var slash = word.LastIndexOfAny('/', '\\');
        word = word[(slash + 1)..];
        return word.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? word[..^4] : word;
    }
}
