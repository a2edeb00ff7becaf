namespace Airlock.Sql;

/// <summary>
/// Functions that make a SELECT do more than read: end sessions, delete large objects, reach
/// another server or the operating system. Only calls (a name followed by '(') count.
/// </summary>
internal static class SqlFunctionEffects
{
    private const string Opaque = "opaque";

    private static readonly Dictionary<string, string> Effects = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pg_terminate_backend"] = SqlKinds.Write,
        ["pg_cancel_backend"] = SqlKinds.Write,
        ["pg_reload_conf"] = SqlKinds.Write,
        ["pg_promote"] = SqlKinds.Write,
        ["pg_switch_wal"] = SqlKinds.Write,
        ["pg_create_restore_point"] = SqlKinds.Write,
        ["pg_stat_reset"] = SqlKinds.Write,
        ["pg_create_logical_replication_slot"] = SqlKinds.Write,
        ["pg_create_physical_replication_slot"] = SqlKinds.Write,
        ["setval"] = SqlKinds.Write,
        ["lo_import"] = SqlKinds.Write,
        ["lo_export"] = SqlKinds.Write,
        ["pg_file_write"] = SqlKinds.Write,
        ["lo_unlink"] = SqlKinds.Delete,
        ["pg_file_unlink"] = SqlKinds.Delete,
        ["pg_drop_replication_slot"] = SqlKinds.Drop,
        ["dblink_exec"] = Opaque,
        ["dblink"] = Opaque,
        ["query_to_xml"] = Opaque,
        ["load_extension"] = Opaque,
        ["sys_exec"] = SqlKinds.Shell,
        ["sys_eval"] = SqlKinds.Shell,
        ["xp_cmdshell"] = SqlKinds.Shell,
    };

    /// <summary>The most severe effect of the functions called in [start, end), or null when they only read.</summary>
    public static SqlFinding? MostSevere(SqlTokenList tokens, int start, int end, string evidence)
    {
        SqlFinding? worst = null;
        for (var i = start; i < end - 1; i++)
        {
            if (tokens[i].Kind != SqlTokenKind.Word || !tokens.IsSymbol(i + 1, "("))
            {
                continue;
            }

            var name = tokens.Span(i).ToString();
            if (!Effects.TryGetValue(name, out var kind))
            {
                continue;
            }

            var finding = kind == Opaque ? SqlKinds.Opaque(name, evidence) : SqlKinds.Create(kind, name, evidence);
            if (worst is null || SqlSeverity.Rank(finding) > SqlSeverity.Rank(worst))
            {
                worst = finding;
            }
        }

        return worst;
    }
}
