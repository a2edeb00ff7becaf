using Airlock.Model;

namespace Airlock.Sql;

/// <summary>The stable <c>database.*</c> operation kinds and the verb each one carries.</summary>
internal static class SqlKinds
{
    public const string Read = "database.read";
    public const string Write = "database.write";
    public const string DeleteAll = "database.delete_all";
    public const string UpdateAll = "database.update_all";
    public const string Drop = "database.drop";
    public const string Truncate = "database.truncate";
    public const string AlterDrop = "database.alter_drop";
    public const string DropOwned = "database.drop_owned";
    public const string Revoke = "database.revoke";
    public const string Delete = "database.delete";
    public const string Shutdown = "database.shutdown";
    public const string Shell = "database.shell";
    public const string Unknown = "database.unknown";

    private const int MaxEvidence = 200;

    /// <summary>Builds a finding whose verb and reversibility follow from the kind.</summary>
    public static SqlFinding Create(string kind, string target, string evidence) => kind switch
    {
        Read => new(kind, Verb.Read, Reversibility.Reversible, target, Clip(evidence)),
        Write or Revoke => new(kind, Verb.Write, Reversibility.Reversible, target, Clip(evidence)),
        // Every row is overwritten: nothing is removed, but the old values are gone.
        UpdateAll or Shutdown => new(kind, Verb.Write, Reversibility.Irreversible, target, Clip(evidence)),
        Shell => new(kind, Verb.ExecuteUnknown, Reversibility.Irreversible, target, Clip(evidence)),
        Unknown => new(kind, Verb.Write, Reversibility.Reversible, target, Clip(evidence)),
        _ => new(kind, Verb.Delete, Reversibility.Irreversible, target, Clip(evidence)),
    };

    /// <summary>A statement that runs code Airlock cannot see (a procedure, a script file, dynamic SQL).</summary>
    public static SqlFinding Opaque(string target, string evidence) =>
        new(Unknown, Verb.ExecuteUnknown, Reversibility.Irreversible, target, Clip(evidence));

    /// <summary>A statement Airlock does not recognise; irreversible when it opens with a destructive word.</summary>
    public static SqlFinding Unrecognised(string target, string evidence, bool destructive) =>
        new(Unknown, Verb.Write, destructive ? Reversibility.Irreversible : Reversibility.Reversible, target, Clip(evidence));

    public static string Clip(string evidence)
    {
        var trimmed = evidence.Trim();
        return trimmed.Length <= MaxEvidence ? trimmed : trimmed[..MaxEvidence];
    }
}
