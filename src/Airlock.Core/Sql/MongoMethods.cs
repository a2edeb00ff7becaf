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

    public static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["find"] = SqlKinds.Read, ["findOne"] = SqlKinds.Read, ["countDocuments"] = SqlKinds.Read,
        ["count"] = SqlKinds.Read, ["estimatedDocumentCount"] = SqlKinds.Read, ["distinct"] = SqlKinds.Read,
        ["getIndexes"] = SqlKinds.Read, ["listIndexes"] = SqlKinds.Read, ["stats"] = SqlKinds.Read,
        ["explain"] = SqlKinds.Read, ["getCollectionNames"] = SqlKinds.Read, ["getCollectionInfos"] = SqlKinds.Read,
        ["listCollections"] = SqlKinds.Read, ["dataSize"] = SqlKinds.Read, ["storageSize"] = SqlKinds.Read,
        ["totalSize"] = SqlKinds.Read, ["totalIndexSize"] = SqlKinds.Read, ["isCapped"] = SqlKinds.Read,
        ["watch"] = SqlKinds.Read, ["getUsers"] = SqlKinds.Read, ["getUser"] = SqlKinds.Read,
        ["getRoles"] = SqlKinds.Read, ["getRole"] = SqlKinds.Read, ["serverStatus"] = SqlKinds.Read,
        ["hostInfo"] = SqlKinds.Read, ["version"] = SqlKinds.Read, ["currentOp"] = SqlKinds.Read,
        ["getProfilingStatus"] = SqlKinds.Read, ["getReplicationInfo"] = SqlKinds.Read,
        ["getShardDistribution"] = SqlKinds.Read, ["latencyStats"] = SqlKinds.Read, ["status"] = SqlKinds.Read,
        ["conf"] = SqlKinds.Read, ["printShardingStatus"] = SqlKinds.Read, ["getSearchIndexes"] = SqlKinds.Read,
        ["aggregate"] = Aggregate,
        ["drop"] = SqlKinds.Drop, ["dropDatabase"] = SqlKinds.Drop, ["dropIndex"] = SqlKinds.Drop,
        ["dropIndexes"] = SqlKinds.Drop, ["dropUser"] = SqlKinds.Drop, ["dropRole"] = SqlKinds.Drop,
        ["dropAllUsers"] = SqlKinds.Drop, ["dropAllRoles"] = SqlKinds.Drop, ["dropSearchIndex"] = SqlKinds.Drop,
        ["deleteMany"] = FilterDependent, ["remove"] = FilterDependent, ["updateMany"] = FilterDependent,
        ["update"] = FilterDependent,
        ["deleteOne"] = SqlKinds.Write, ["findOneAndDelete"] = SqlKinds.Write, ["findAndModify"] = SqlKinds.Write,
        ["findOneAndUpdate"] = SqlKinds.Write, ["findOneAndReplace"] = SqlKinds.Write, ["replaceOne"] = SqlKinds.Write,
        ["updateOne"] = SqlKinds.Write, ["insert"] = SqlKinds.Write, ["insertOne"] = SqlKinds.Write,
        ["insertMany"] = SqlKinds.Write, ["save"] = SqlKinds.Write, ["bulkWrite"] = SqlKinds.Write,
        ["createCollection"] = SqlKinds.Write, ["createIndex"] = SqlKinds.Write, ["createIndexes"] = SqlKinds.Write,
        ["ensureIndex"] = SqlKinds.Write, ["createView"] = SqlKinds.Write, ["createUser"] = SqlKinds.Write,
        ["createRole"] = SqlKinds.Write, ["grantRolesToUser"] = SqlKinds.Write, ["grantPrivilegesToRole"] = SqlKinds.Write,
        ["updateUser"] = SqlKinds.Write, ["changeUserPassword"] = SqlKinds.Write, ["setProfilingLevel"] = SqlKinds.Write,
        ["hideIndex"] = SqlKinds.Write, ["unhideIndex"] = SqlKinds.Write, ["reIndex"] = SqlKinds.Write,
        ["killOp"] = SqlKinds.Write, ["fsyncLock"] = SqlKinds.Write, ["fsyncUnlock"] = SqlKinds.Write,
        ["renameCollection"] = SqlKinds.Write, ["convertToCapped"] = SqlKinds.Write, ["shardCollection"] = SqlKinds.Write,
        ["enableSharding"] = SqlKinds.Write, ["stepDown"] = SqlKinds.Write, ["createSearchIndex"] = SqlKinds.Write,
        ["revokeRolesFromUser"] = SqlKinds.Revoke, ["revokePrivilegesFromRole"] = SqlKinds.Revoke,
        ["revokeRolesFromRole"] = SqlKinds.Revoke,
        ["shutdownServer"] = SqlKinds.Shutdown,
        ["runCommand"] = Command, ["adminCommand"] = Command,
        ["eval"] = Opaque,
    };

    /// <summary>Server commands as named by the first key of a runCommand document.</summary>
    public static readonly Dictionary<string, string> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["find"] = SqlKinds.Read, ["count"] = SqlKinds.Read, ["aggregate"] = Aggregate, ["distinct"] = SqlKinds.Read,
        ["listCollections"] = SqlKinds.Read, ["listDatabases"] = SqlKinds.Read, ["listIndexes"] = SqlKinds.Read,
        ["serverStatus"] = SqlKinds.Read, ["ping"] = SqlKinds.Read, ["buildInfo"] = SqlKinds.Read,
        ["hello"] = SqlKinds.Read, ["isMaster"] = SqlKinds.Read, ["dbStats"] = SqlKinds.Read,
        ["collStats"] = SqlKinds.Read, ["hostInfo"] = SqlKinds.Read, ["getParameter"] = SqlKinds.Read,
        ["currentOp"] = SqlKinds.Read, ["explain"] = SqlKinds.Read, ["connectionStatus"] = SqlKinds.Read,
        ["getLog"] = SqlKinds.Read, ["replSetGetStatus"] = SqlKinds.Read, ["usersInfo"] = SqlKinds.Read,
        ["rolesInfo"] = SqlKinds.Read, ["whatsmyuri"] = SqlKinds.Read, ["getCmdLineOpts"] = SqlKinds.Read,
        ["dropDatabase"] = SqlKinds.Drop, ["drop"] = SqlKinds.Drop, ["dropIndexes"] = SqlKinds.Drop,
        ["dropUser"] = SqlKinds.Drop, ["dropRole"] = SqlKinds.Drop, ["dropAllUsersFromDatabase"] = SqlKinds.Drop,
        ["dropAllRolesFromDatabase"] = SqlKinds.Drop, ["dropSearchIndex"] = SqlKinds.Drop,
        ["delete"] = FilterDependent, ["update"] = FilterDependent,
        ["shutdown"] = SqlKinds.Shutdown,
        ["revokeRolesFromUser"] = SqlKinds.Revoke, ["revokePrivilegesFromRole"] = SqlKinds.Revoke,
        ["eval"] = Opaque, ["$eval"] = Opaque,
    };
}
