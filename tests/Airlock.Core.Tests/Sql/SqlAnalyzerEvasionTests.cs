using Airlock.Model;
using Airlock.Sql;

namespace Airlock.Tests.Sql;

/// <summary>Keywords hidden in strings and comments must not count; ones hidden by syntax tricks must.</summary>
public sealed class SqlAnalyzerEvasionTests
{
    private static SqlFinding Worst(string sql) => SqlSeverity.MostSevere(SqlAnalyzer.Analyze(sql))!;

    [Theory]
    [InlineData("SELECT 'DROP TABLE x'")]
    [InlineData("SELECT 'it''s; DROP TABLE x'")]
    [InlineData("SELECT E'a\\'; DROP TABLE x'")]
    [InlineData("SELECT \"drop table x\" FROM t")]
    [InlineData("SELECT `drop` FROM t")]
    [InlineData("SELECT 1 -- ; DROP TABLE x")]
    [InlineData("SELECT 1 # DROP TABLE x")]
    [InlineData("SELECT 1 /* ; DROP TABLE x */")]
    [InlineData("SELECT 1 /* outer /* inner */ ; DROP TABLE x */")]
    [InlineData("SELECT $$; DROP TABLE x; $$")]
    [InlineData("SELECT $body$ ; drop table x ; $body$")]
    [InlineData("SELECT * FROM t WHERE note = 'delete from users'")]
    [InlineData("SELECT update_time, deleted FROM t")]
    [InlineData("SELECT data #>> '{a,b}' FROM t")]
    [InlineData("SELECT arr[1] FROM t")]
    [InlineData("SHOW GRANTS FOR app")]
    public void Analyze_KeywordsInStringsAndComments_AreIgnored(string sql)
    {
        var findings = SqlAnalyzer.Analyze(sql);
        Assert.All(findings, finding => Assert.Equal(SqlKinds.Read, finding.Kind));
    }

    [Theory]
    [InlineData("drop/**/table x", "x")]
    [InlineData("DROP/* a */TABLE/* b */x", "x")]
    [InlineData("DrOp TaBlE x", "x")]
    [InlineData("drop\ntable\n\tx", "x")]
    [InlineData("/*!50000 DROP TABLE x */", "x")]
    [InlineData("SELECT 1; /* c */ DROP TABLE x -- tail", "x")]
    [InlineData("SELECT 1 DROP TABLE x", "x")]
    [InlineData("IF OBJECT_ID('x') IS NOT NULL DROP TABLE x", "x")]
    [InlineData("SELECT 1\nGO\nDROP TABLE x\nGO", "x")]
    [InlineData("SELECT 'a\\'; DROP TABLE x; -- '", "x")]
    [InlineData("SELECT 'x\\' , ' ; DROP TABLE x; -- '", "x")]
    [InlineData("SELECT 1 # ; DROP TABLE x", "x")]
    public void Analyze_DropWithCommentInside_IsDrop(string sql, string target)
    {
        var worst = Worst(sql);
        Assert.Equal(SqlKinds.Drop, worst.Kind);
        Assert.Equal(target, worst.Target);
    }

    [Theory]
    [InlineData("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone", SqlKinds.DeleteAll, "t")]
    [InlineData("WITH gone AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM gone", SqlKinds.Delete, "t")]
    [InlineData("WITH RECURSIVE a(x) AS (SELECT 1), b AS MATERIALIZED (UPDATE t SET x = 1 RETURNING *) SELECT 1", SqlKinds.UpdateAll, "t")]
    [InlineData("WITH ids AS (SELECT id FROM t) DELETE FROM t", SqlKinds.DeleteAll, "t")]
    [InlineData("EXPLAIN ANALYZE DELETE FROM t", SqlKinds.DeleteAll, "t")]
    [InlineData("EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t", SqlKinds.DeleteAll, "t")]
    [InlineData("EXPLAIN ANALYZE UPDATE t SET a = 1 WHERE id = 1", SqlKinds.Write, "t")]
    public void Analyze_NestedStatements_TakeTheInnerClassification(string sql, string kind, string target)
    {
        var worst = Worst(sql);
        Assert.Equal(kind, worst.Kind);
        Assert.Equal(target, worst.Target);
    }

    [Theory]
    [InlineData("DO $$ BEGIN DROP TABLE x; END $$", SqlKinds.Drop, "x")]
    [InlineData("DO $do$ BEGIN IF true THEN DELETE FROM t; END IF; END $do$ LANGUAGE plpgsql", SqlKinds.DeleteAll, "t")]
    [InlineData("DO 'BEGIN TRUNCATE t; END'", SqlKinds.Truncate, "t")]
    [InlineData("DO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$", SqlKinds.Drop, "x")]
    [InlineData("DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE 'DROP TABLE ' || quote_ident(r.tablename); END LOOP; END $$", SqlKinds.Drop, "(dynamic)")]
    [InlineData("EXECUTE 'DROP TABLE x'", SqlKinds.Drop, "x")]
    [InlineData("EXECUTE format('DROP TABLE %I', t)", SqlKinds.Drop, "(dynamic)")]
    [InlineData("EXEC('DELETE FROM t')", SqlKinds.DeleteAll, "t")]
    [InlineData("EXEC sp_executesql N'TRUNCATE TABLE t'", SqlKinds.Truncate, "t")]
    [InlineData("PREPARE p AS DELETE FROM t; EXECUTE p", SqlKinds.DeleteAll, "t")]
    [InlineData("PREPARE s FROM 'DROP TABLE x'", SqlKinds.Drop, "x")]
    [InlineData("BEGIN DROP TABLE x END", SqlKinds.Drop, "x")]
    public void Analyze_DynamicSql_IsClassifiedByItsBody(string sql, string kind, string target)
    {
        var worst = Worst(sql);
        Assert.Equal(kind, worst.Kind);
        Assert.Equal(target, worst.Target);
    }

    [Theory]
    [InlineData("DO $$ BEGIN RAISE NOTICE 'hello'; END $$")]
    [InlineData("DO $$ DECLARE n int; BEGIN SELECT count(*) INTO n FROM t; END $$")]
    [InlineData("EXECUTE 'SELECT 1'")]
    public void Analyze_HarmlessDynamicSql_IsRead(string sql) => Assert.Equal(SqlKinds.Read, Worst(sql).Kind);

    [Theory]
    [InlineData("EXECUTE v_sql")]
    [InlineData("EXECUTE my_prepared(1)")]
    [InlineData("CALL cleanup()")]
    [InlineData("DO LANGUAGE plpython3u $$ import os $$")]
    [InlineData("SELECT 1 \\gexec")]
    [InlineData("SELECT dblink_exec('host=x', 'DROP TABLE y')")]
    public void Analyze_UnseeableCode_IsExecuteUnknown(string sql)
    {
        var worst = Worst(sql);
        Assert.Equal(SqlKinds.Unknown, worst.Kind);
        Assert.Equal(Verb.ExecuteUnknown, worst.Verb);
    }

    [Theory]
    [InlineData("\\dt", SqlKinds.Read)]
    [InlineData("\\d users", SqlKinds.Read)]
    [InlineData("\\l", SqlKinds.Read)]
    [InlineData("\\dt+ public.*", SqlKinds.Read)]
    [InlineData("\\c shop", SqlKinds.Read)]
    [InlineData("\\i drop_everything.sql", SqlKinds.Unknown)]
    [InlineData("\\ir migrate.sql", SqlKinds.Unknown)]
    [InlineData("\\! rm -rf /", SqlKinds.Shell)]
    [InlineData("\\o | sh", SqlKinds.Shell)]
    [InlineData("\\copy users from 'users.csv' csv", SqlKinds.Write)]
    [InlineData("\\copy users to 'users.csv' csv", SqlKinds.Read)]
    [InlineData(".tables", SqlKinds.Read)]
    [InlineData(".schema users", SqlKinds.Read)]
    [InlineData(".read dump.sql", SqlKinds.Unknown)]
    [InlineData(".shell rm -rf /", SqlKinds.Shell)]
    public void Analyze_ClientCommands_AreClassified(string sql, string kind) =>
        Assert.Equal(kind, Assert.Single(SqlAnalyzer.Analyze(sql)).Kind);

    [Fact]
    public void Analyze_IncludeFile_IsUnknownWrite()
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze("\\i drop_everything.sql"));
        Assert.Equal(Verb.Write, finding.Verb);
        Assert.Equal("drop_everything.sql", finding.Target);
    }

    [Fact]
    public void Analyze_MetaCommandsBetweenStatements_SplitThem()
    {
        var findings = SqlAnalyzer.Analyze("\\dt\nSELECT 1;\n\\d users\nDROP TABLE users;");
        Assert.Equal([SqlKinds.Read, SqlKinds.Read, SqlKinds.Read, SqlKinds.Drop], findings.Select(f => f.Kind));
    }

    [Fact]
    public void Analyze_DotAfterStatementStart_IsNotACommand()
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze("SELECT a\n.b FROM t"));
        Assert.Equal(SqlKinds.Read, finding.Kind);
    }
}
