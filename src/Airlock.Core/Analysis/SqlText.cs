using Airlock.Model;
using Airlock.Sql;

namespace Airlock.Analysis;

/// <summary>Reports the statements of a SQL, Mongo or Redis text as operations at a database location.</summary>
internal static class SqlText
{
    private static readonly string[] StatementStarts =
    [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "DROP ", "TRUNCATE ", "ALTER ", "CREATE ", "GRANT ", "REVOKE ", "WITH ", "MERGE ", "REPLACE ", "COPY ", "VACUUM", "EXPLAIN ",
    ];

    /// <summary>Whether a string literal reads as a SQL statement (so it is analyzed as one).</summary>
    public static bool LooksLikeSql(string text)
    {
        var trimmed = text.TrimStart();
        foreach (var start in StatementStarts)
        {
            if (trimmed.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static void Report(AnalysisContext context, string text, Invocation invocation, string tool, DatabaseLocation location, string language = "sql")
    {
        var findings = language switch
        {
            "mongo" => MongoAnalyzer.Analyze(text),
            "redis" => RedisAnalyzer.AnalyzeScript(text),
            _ => SqlAnalyzer.Analyze(text),
        };
        Report(context, findings, invocation, tool, location);
    }

    public static void Report(AnalysisContext context, IReadOnlyList<SqlFinding> findings, Invocation invocation, string tool, DatabaseLocation location)
    {
        foreach (var finding in findings)
        {
            context.Add(new Operation
            {
                Kind = finding.Kind,
                Verb = finding.Verb,
                Reversibility = finding.Reversibility,
                BlastRadius = finding.Verb == Verb.Read ? BlastRadius.None : location.Radius,
                Environment = location.Environment,
                EnvironmentEvidence = location.Evidence,
                Target = string.IsNullOrEmpty(finding.Target) ? location.Target : $"{finding.Target} on {location.Target}",
                Evidence = finding.Evidence,
                Tool = tool,
            }, invocation);
        }
    }
}
