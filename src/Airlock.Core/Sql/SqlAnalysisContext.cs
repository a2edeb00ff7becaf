namespace Airlock.Sql;

/// <summary>State shared by the statements of one analysis: how deep dynamic SQL has nested, and prepared statements.</summary>
internal sealed class SqlAnalysisContext
{
    /// <summary>Dynamic SQL inside dynamic SQL past this depth is reported as opaque rather than read.</summary>
    public const int MaxDepth = 8;

    public int Depth { get; set; }

    /// <summary>What each statement prepared earlier in the input would do when executed.</summary>
    public Dictionary<string, List<SqlFinding>> Prepared { get; } = new(StringComparer.OrdinalIgnoreCase);
}
