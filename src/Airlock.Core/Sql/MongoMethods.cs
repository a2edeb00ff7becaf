namespace Airlock.Sql;

/// <summary>What each mongosh collection, database and admin-command name does.</summary>
internal static class MongoMethods
{
    /// <summary>Methods whose kind depends on their filter argument.</summary>
    public const string FilterDependent = "filter";

    /// <summary>runCommand / adminCommand, classified by the command document.</summary>
    public const string Command = "command";

    /// <summary>aggregate, a write when a $out or $merge stage is present.</summary>
    public const string Aggregate = "aggregate";

    public const string Opaque = "opaque";

    public static readonly Dictionary<string, string> Methods = Table(
        StringComparer.Ordinal,
        (SqlKinds.Read,
        [
            "find", "findOne", "countDocuments", "count", "estimatedDocumentCount", "distinct", "getIndexes",
            "listIndexes", "stats", "explain", "getCollectionNames", "getCollectionInfos", "listCollections",
            "dataSize", "storageSize", "totalSize", "totalIndexSize", "isCapped", "watch", "getUsers", "getUser",
            "getRoles", "getRole", "serverStatus", "hostInfo", "version", "currentOp", "getProfilingStatus",
            "getReplicationInfo", "getShardDistribution", "latencyStats", "status", "conf", "printShardingStatus",
            "getSearchIndexes",
        ]),
        (Aggregate, ["aggregate"]),
        (SqlKinds.Drop,
        [
            "drop", "dropDatabase", "dropIndex", "dropIndexes", "dropUser", "dropRole", "dropAllUsers",
            "dropAllRoles", "dropSearchIndex",
        ]),
        (FilterDependent, ["deleteMany", "remove", "updateMany", "update"]),
        (SqlKinds.Write,
        [
            "deleteOne", "findOneAndDelete", "findAndModify", "findOneAndUpdate", "findOneAndReplace", "replaceOne",
            "updateOne", "insert", "insertOne", "insertMany", "save", "bulkWrite", "createCollection", "createIndex",
            "createIndexes", "ensureIndex", "createView", "createUser", "createRole", "grantRolesToUser",
            "grantPrivilegesToRole", "updateUser", "changeUserPassword", "setProfilingLevel", "hideIndex",
            "unhideIndex", "reIndex", "killOp", "fsyncLock", "fsyncUnlock", "renameCollection", "convertToCapped",
            "shardCollection", "enableSharding", "stepDown", "createSearchIndex",
        ]),
        (SqlKinds.Revoke, ["revokeRolesFromUser", "revokePrivilegesFromRole", "revokeRolesFromRole"]),
        (SqlKinds.Shutdown, ["shutdownServer"]),
        (Command, ["runCommand", "adminCommand"]),
        (Opaque, ["eval"]));

    /// <summary>Server commands as named by the first key of a runCommand document.</summary>
    public static readonly Dictionary<string, string> Commands = Table(
        StringComparer.OrdinalIgnoreCase,
        (SqlKinds.Read,
        [
            "find", "count", "distinct", "listCollections", "listDatabases", "listIndexes", "serverStatus", "ping",
            "buildInfo", "hello", "isMaster", "dbStats", "collStats", "hostInfo", "getParameter", "currentOp",
            "explain", "connectionStatus", "getLog", "replSetGetStatus", "usersInfo", "rolesInfo", "whatsmyuri",
            "getCmdLineOpts",
        ]),
        (Aggregate, ["aggregate"]),
        (SqlKinds.Drop,
        [
            "dropDatabase", "drop", "dropIndexes", "dropUser", "dropRole", "dropAllUsersFromDatabase",
            "dropAllRolesFromDatabase", "dropSearchIndex",
        ]),
        (FilterDependent, ["delete", "update"]),
        (SqlKinds.Write,
        [
            "insert", "create", "createIndexes", "renameCollection", "createUser", "findAndModify", "setParameter",
            "killOp", "compact", "fsync", "collMod",
        ]),
        (SqlKinds.Shutdown, ["shutdown"]),
        (SqlKinds.Revoke, ["revokeRolesFromUser", "revokePrivilegesFromRole"]),
        (Opaque, ["eval", "$eval"]));

    private static Dictionary<string, string> Table(StringComparer comparer, params (string Kind, string[] Names)[] groups)
    {
        var table = new Dictionary<string, string>(comparer);
        foreach (var (kind, names) in groups)
        {
            foreach (var name in names)
            {
                table[name] = kind;
            }
        }

        return table;
    }
}
