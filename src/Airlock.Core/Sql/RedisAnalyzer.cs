namespace Airlock.Sql;

/// <summary>
/// Classifies Redis commands, given as words (<c>["DEL", "k"]</c>) or as redis-cli input with one
/// command per line. EVAL scripts are searched for the commands they call. Never throws.
/// </summary>
internal static class RedisAnalyzer
{
    private const int MaxScriptDepth = 2;

    public static IReadOnlyList<SqlFinding> Analyze(IReadOnlyList<string> commandWords)
    {
        try
        {
            var sink = new SqlFindingSink(SqlFindingSink.DefaultCap);
            Classify(commandWords, 0, sink);
            return sink.ToResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A classifier bug must not let a command through as harmless.
            return [SqlKinds.Opaque("", string.Join(' ', commandWords ?? []))];
        }
    }

    public static IReadOnlyList<SqlFinding> AnalyzeScript(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            var sink = new SqlFindingSink(SqlFindingSink.DefaultCap);
            foreach (var line in text.Split('\n'))
            {
                var words = RedisCommandLine.Split(line);
                if (words.Count > 0)
                {
                    Classify(words, 0, sink);
                }
            }

            return sink.ToResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return [SqlKinds.Opaque("", text)];
        }
    }

    private static void Classify(IReadOnlyList<string> words, int depth, SqlFindingSink sink)
    {
        if (words is null || words.Count == 0)
        {
            return;
        }

        var command = words[0].ToUpperInvariant();
        var sub = words.Count > 1 ? words[1].ToUpperInvariant() : "";
        var key = words.Count > 1 ? words[1] : "";
        var evidence = string.Join(' ', words);

        if (command == "EVAL" && depth < MaxScriptDepth && words.Count > 1)
        {
            RedisLuaScript.Classify(words, depth + 1, evidence, sink, Classify);
            return;
        }

        var finding = command switch
        {
            "FLUSHALL" => SqlKinds.Create(SqlKinds.Drop, "all keys", evidence),
            "FLUSHDB" => SqlKinds.Create(SqlKinds.Drop, "db", evidence),
            // Deleting named keys is a targeted change, like DELETE … WHERE; FLUSHALL and FLUSHDB are the destroyers.
            "DEL" or "UNLINK" or "GETDEL" => SqlKinds.Create(SqlKinds.Write, string.Join(", ", words.Skip(1)), evidence),
            "EXPIRE" or "PEXPIRE" or "EXPIREAT" or "PEXPIREAT" =>
                // A non-positive expiry deletes the key at once.
                SqlKinds.Create(words.Count > 2 && long.TryParse(words[2], out var seconds) && seconds <= 0 ? SqlKinds.Delete : SqlKinds.Write, key, evidence),
            "SHUTDOWN" => SqlKinds.Create(SqlKinds.Shutdown, "server", evidence),
            "REPLICAOF" or "SLAVEOF" => sub == "NO"
                ? SqlKinds.Create(SqlKinds.Write, "replication", evidence)
                // A replica discards its whole dataset to copy its new primary's.
                : SqlKinds.Create(SqlKinds.Drop, "all keys", evidence),
            "CONFIG" => SqlKinds.Create(sub == "GET" ? SqlKinds.Read : SqlKinds.Write, words.Count > 2 ? words[2] : sub, evidence),
            "SCRIPT" => SqlKinds.Create(sub == "EXISTS" ? SqlKinds.Read : SqlKinds.Write, sub == "FLUSH" ? "script cache" : sub, evidence),
            "FUNCTION" => sub switch
            {
                "FLUSH" => SqlKinds.Create(SqlKinds.Drop, "all functions", evidence),
                "DELETE" => SqlKinds.Create(SqlKinds.Delete, words.Count > 2 ? words[2] : "", evidence),
                "LIST" or "DUMP" or "STATS" => SqlKinds.Create(SqlKinds.Read, "functions", evidence),
                _ => SqlKinds.Create(SqlKinds.Write, "functions", evidence),
            },
            "DEBUG" => sub switch
            {
                "OBJECT" or "DIGEST" or "DIGEST-VALUE" => SqlKinds.Create(SqlKinds.Read, words.Count > 2 ? words[2] : "", evidence),
                "SEGFAULT" or "PANIC" or "CRASH-AND-RECOVER" or "RESTART" or "OOM" => SqlKinds.Create(SqlKinds.Shutdown, "server", evidence),
                _ => SqlKinds.Opaque(sub, evidence),
            },
            "ACL" => sub switch
            {
                "DELUSER" => SqlKinds.Create(SqlKinds.Delete, string.Join(", ", words.Skip(2)), evidence),
                "LIST" or "USERS" or "GETUSER" or "WHOAMI" or "CAT" or "LOG" or "DRYRUN" or "GENPASS" => SqlKinds.Create(SqlKinds.Read, "acl", evidence),
                _ => SqlKinds.Create(SqlKinds.Write, "acl", evidence),
            },
            "MODULE" => sub switch
            {
                "LIST" => SqlKinds.Create(SqlKinds.Read, "modules", evidence),
                "LOAD" or "LOADEX" => SqlKinds.Opaque(words.Count > 2 ? words[2] : "", evidence),
                _ => SqlKinds.Create(SqlKinds.Write, "modules", evidence),
            },
            "CLIENT" or "CLUSTER" or "SLOWLOG" or "LATENCY" or "MEMORY" => SqlKinds.Create(IsInspection(sub) ? SqlKinds.Read : SqlKinds.Write, sub, evidence),
            "EVALSHA" or "FCALL" or "EVAL" => SqlKinds.Opaque(key, evidence),
            _ when RedisCommands.Reads.Contains(command) => SqlKinds.Create(SqlKinds.Read, key, evidence),
            _ when RedisCommands.Writes.Contains(command) => SqlKinds.Create(SqlKinds.Write, key, evidence),
            _ => SqlKinds.Unrecognised(key, evidence, destructive: command.Contains("DEL", StringComparison.Ordinal) || command.Contains("FLUSH", StringComparison.Ordinal)),
        };
        sink.Add(finding);
    }

    private static bool IsInspection(string sub) =>
        sub is "LIST" or "INFO" or "GETNAME" or "ID" or "TRACKINGINFO" or "GETREDIR" or "NODES" or "SLOTS" or "SHARDS"
            or "MYID" or "KEYSLOT" or "COUNTKEYSINSLOT" or "GETKEYSINSLOT" or "GET" or "LEN" or "LATEST" or "HISTORY"
            or "DOCTOR" or "USAGE" or "STATS" or "GRAPH" or "HELP" or "MALLOC-STATS" or "LINKS" or "NO-EVICT" or "";
}
