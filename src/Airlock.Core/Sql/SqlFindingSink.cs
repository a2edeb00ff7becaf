namespace Airlock.Sql;

/// <summary>
/// Collects findings up to a cap. Past the cap it keeps counting and remembers the most severe one,
/// so a megabyte of statements costs bounded memory yet a destructive statement near the end still shows.
/// </summary>
internal sealed class SqlFindingSink(int cap)
{
    public const int DefaultCap = 1000;

    private readonly List<SqlFinding> _items = [];

    public IReadOnlyList<SqlFinding> Items => _items;

    public SqlFinding? MostSevere { get; private set; }

    public int Dropped { get; private set; }

    public void Add(SqlFinding finding)
    {
        if (MostSevere is null || SqlSeverity.Rank(finding) > SqlSeverity.Rank(MostSevere))
        {
            MostSevere = finding;
        }

        if (_items.Count < cap)
        {
            _items.Add(finding);
        }
        else
        {
            Dropped++;
        }
    }

    public void AddRange(IEnumerable<SqlFinding> findings)
    {
        foreach (var finding in findings)
        {
            Add(finding);
        }
    }

    /// <summary>The findings, with one closing entry when some were left off.</summary>
    public IReadOnlyList<SqlFinding> ToResult()
    {
        if (Dropped == 0 || MostSevere is null)
        {
            return _items.ToArray();
        }

        var result = new List<SqlFinding>(_items.Count + 1);
        result.AddRange(_items);
        result.Add(MostSevere with
        {
            Target = $"{Dropped} more findings not listed",
            Evidence = SqlKinds.Clip($"findings truncated at {cap}; the most severe of all was {MostSevere.Kind}: {MostSevere.Evidence}"),
        });
        return result;
    }
}
