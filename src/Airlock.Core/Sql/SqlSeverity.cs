using Airlock.Model;

namespace Airlock.Sql;

/// <summary>Orders findings from harmless to most destructive, for summaries and for choosing between readings.</summary>
internal static class SqlSeverity
{
    public static int Rank(SqlFinding finding)
    {
        var baseRank = finding.Verb switch
        {
            Verb.Read => 0,
            Verb.Write when finding.Reversibility == Reversibility.Reversible => 10,
            Verb.ExecuteUnknown => 20,
            Verb.Write => 30,
            _ => 40,
        };
        // Within the destructive band, losing whole objects outranks losing rows.
        return baseRank + finding.Kind switch
        {
            SqlKinds.Drop or SqlKinds.DropOwned => 5,
            SqlKinds.Truncate or SqlKinds.DeleteAll => 4,
            SqlKinds.AlterDrop => 3,
            SqlKinds.Shell => 2,
            SqlKinds.Delete or SqlKinds.UpdateAll => 1,
            _ => 0,
        };
    }

    /// <summary>The most severe finding, or null for an empty list; the first wins a tie.</summary>
    public static SqlFinding? MostSevere(IEnumerable<SqlFinding> findings)
    {
        SqlFinding? worst = null;
        foreach (var finding in findings)
        {
            if (worst is null || Rank(finding) > Rank(worst))
            {
                worst = finding;
            }
        }

        return worst;
    }
}
