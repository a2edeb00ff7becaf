using Airlock.Model;
using Airlock.Sql;

namespace Airlock.Tests.Sql;

public sealed class RedisAnalyzerTests
{
    [Theory]
    [InlineData(SqlKinds.Drop, "all keys", "FLUSHALL")]
    [InlineData(SqlKinds.Drop, "all keys", "flushall", "ASYNC")]
    [InlineData(SqlKinds.Drop, "db", "FLUSHDB")]
    [InlineData(SqlKinds.Delete, "k", "EXPIRE", "k", "0")]
    [InlineData(SqlKinds.Drop, "all keys", "REPLICAOF", "10.0.0.1", "6379")]
    [InlineData(SqlKinds.Drop, "all functions", "FUNCTION", "FLUSH")]
    public void Analyze_DestructiveCommands_AreDeleteIrreversible(string kind, string target, params string[] words)
    {
        var finding = Assert.Single(RedisAnalyzer.Analyze(words));
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(Verb.Delete, finding.Verb);
        Assert.Equal(Reversibility.Irreversible, finding.Reversibility);
        Assert.Equal(target, finding.Target);
    }

    [Theory]
    [InlineData(SqlKinds.Read, "KEYS", "*")]
    [InlineData(SqlKinds.Read, "get", "k")]
    [InlineData(SqlKinds.Read, "SCAN", "0")]
    [InlineData(SqlKinds.Read, "INFO")]
    [InlineData(SqlKinds.Read, "CONFIG", "GET", "maxmemory")]
    [InlineData(SqlKinds.Read, "CLIENT", "LIST")]
    [InlineData(SqlKinds.Write, "SET", "k", "v")]
    [InlineData(SqlKinds.Write, "EXPIRE", "k", "60")]
    [InlineData(SqlKinds.Write, "CONFIG", "SET", "dir", "/tmp")]
    [InlineData(SqlKinds.Write, "SCRIPT", "FLUSH")]
    [InlineData(SqlKinds.Write, "CLIENT", "KILL", "ID", "5")]
    [InlineData(SqlKinds.Write, "REPLICAOF", "NO", "ONE")]
    [InlineData(SqlKinds.Shutdown, "SHUTDOWN", "NOSAVE")]
    [InlineData(SqlKinds.Shutdown, "DEBUG", "SEGFAULT")]
    [InlineData(SqlKinds.Unknown, "FROBNICATE")]
    public void Analyze_Commands_AreClassified(string kind, params string[] words) =>
        Assert.Equal(kind, Assert.Single(RedisAnalyzer.Analyze(words)).Kind);

    [Fact]
    public void Analyze_Shutdown_IsIrreversibleWrite()
    {
        var finding = Assert.Single(RedisAnalyzer.Analyze(["SHUTDOWN"]));
        Assert.Equal(Verb.Write, finding.Verb);
        Assert.Equal(Reversibility.Irreversible, finding.Reversibility);
    }

    [Theory]
    [InlineData("k", "DEL", "k")]
    [InlineData("a, b", "unlink", "a", "b")]
    public void Analyze_DeletingNamedKeys_IsATargetedWriteLikeDeleteWhere(string target, params string[] words)
    {
        var finding = Assert.Single(RedisAnalyzer.Analyze(words));
        Assert.Equal(SqlKinds.Write, finding.Kind);
        Assert.Equal(target, finding.Target);
    }

    [Theory]
    [InlineData(SqlKinds.Write, "EVAL", "return redis.call('DEL', KEYS[1])", "1", "session:1")]
    [InlineData(SqlKinds.Drop, "EVAL", "redis.call(\"FLUSHALL\")", "0")]
    [InlineData(SqlKinds.Read, "EVAL", "return redis.call('GET', KEYS[1])", "1", "k")]
    [InlineData(SqlKinds.Read, "EVAL", "-- redis.call('FLUSHALL')\nreturn 1", "0")]
    [InlineData(SqlKinds.Read, "EVAL", "return 'redis.call(\"FLUSHALL\")'", "0")]
    [InlineData(SqlKinds.Unknown, "EVAL", "return redis.call(ARGV[1])", "0")]
    [InlineData(SqlKinds.Unknown, "EVAL", "local c = 'FLUSH' .. 'ALL'; return redis.call(c)", "0")]
    [InlineData(SqlKinds.Unknown, "EVALSHA", "abc123", "0")]
    public void Analyze_Eval_ClassifiesTheScript(string kind, params string[] words)
    {
        var worst = SqlSeverity.MostSevere(RedisAnalyzer.Analyze(words))!;
        Assert.Equal(kind, worst.Kind);
    }

    [Fact]
    public void Analyze_EvalWithKeyFromArguments_ReportsTheKey()
    {
        var finding = Assert.Single(RedisAnalyzer.Analyze(["EVAL", "return redis.call('DEL', KEYS[1])", "1", "session:1"]));
        Assert.Equal("session:1", finding.Target);
    }

    [Fact]
    public void AnalyzeScript_OneCommandPerLine_OneFindingEach()
    {
        var findings = RedisAnalyzer.AnalyzeScript("GET a\r\n\nSET \"b c\" 'd'\nflushall\n");
        Assert.Equal([SqlKinds.Read, SqlKinds.Write, SqlKinds.Drop], findings.Select(f => f.Kind));
        Assert.Equal("b c", findings[1].Target);
    }

    [Fact]
    public void Analyze_NoWords_HasNoFindings() => Assert.Empty(RedisAnalyzer.Analyze([]));
}
