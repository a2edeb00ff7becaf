using Airlock.Model;
using Airlock.Sql;

namespace Airlock.Tests.Sql;

public sealed class MongoAnalyzerTests
{
    private static SqlFinding Worst(string script) => SqlSeverity.MostSevere(MongoAnalyzer.Analyze(script))!;

    [Theory]
    [InlineData("db.dropDatabase()", SqlKinds.Drop, "db")]
    [InlineData("use shop\ndb.dropDatabase()", SqlKinds.Drop, "shop")]
    [InlineData("db.getSiblingDB('shop').dropDatabase()", SqlKinds.Drop, "shop")]
    [InlineData("db.users.drop()", SqlKinds.Drop, "users")]
    [InlineData("db.getCollection('users').drop()", SqlKinds.Drop, "users")]
    [InlineData("db['users'].drop()", SqlKinds.Drop, "users")]
    [InlineData("db.getSiblingDB(\"shop\").orders.drop()", SqlKinds.Drop, "shop.orders")]
    [InlineData("db.users.deleteMany({})", SqlKinds.DeleteAll, "users")]
    [InlineData("db.users.deleteMany( { /* everything */ } )", SqlKinds.DeleteAll, "users")]
    [InlineData("db.users.deleteMany()", SqlKinds.DeleteAll, "users")]
    [InlineData("db.users.remove({})", SqlKinds.DeleteAll, "users")]
    [InlineData("db.users.updateMany({}, {$set: {admin: true}})", SqlKinds.UpdateAll, "users")]
    [InlineData("db.users.update({}, {$set: {a: 1}}, {multi: true})", SqlKinds.UpdateAll, "users")]
    [InlineData("db.runCommand({dropDatabase: 1})", SqlKinds.Drop, "db")]
    [InlineData("db.runCommand({drop: 'users'})", SqlKinds.Drop, "users")]
    [InlineData("db.runCommand({delete: 'users', deletes: [{q: {}, limit: 0}]})", SqlKinds.DeleteAll, "users")]
    [InlineData("db.adminCommand({shutdown: 1})", SqlKinds.Shutdown, "db")]
    [InlineData("db.dropAllUsers()", SqlKinds.Drop, "all users")]
    [InlineData("db.users.dropIndexes()", SqlKinds.Drop, "users")]
    [InlineData("db.users.bulkWrite([{insertOne: {document: {}}}, {deleteMany: {filter: {}}}])", SqlKinds.DeleteAll, "users")]
    [InlineData("const n = db.users.countDocuments(); db.users.drop(); print(n)", SqlKinds.Drop, "users")]
    public void Analyze_DestructiveCalls_AreDetected(string script, string kind, string target)
    {
        var worst = Worst(script);
        Assert.Equal(kind, worst.Kind);
        Assert.Equal(target, worst.Target);
        Assert.Equal(Reversibility.Irreversible, worst.Reversibility);
    }

    [Theory]
    [InlineData("db.users.find()")]
    [InlineData("db.users.find({a: 1}).sort({b: -1}).limit(5)")]
    [InlineData("db.users.countDocuments({})")]
    [InlineData("db.users.aggregate([{$match: {a: 1}}, {$group: {_id: '$b'}}])")]
    [InlineData("db.getCollectionNames()")]
    [InlineData("show dbs")]
    [InlineData("printjson(db.users.findOne({name: 'db.users.drop()'}))")]
    [InlineData("// db.users.drop()\ndb.users.find()")]
    [InlineData("db.users.find({name: /drop()/})")]
    [InlineData("db.runCommand({ping: 1})")]
    public void Analyze_Reads_AreReads(string script) =>
        Assert.All(MongoAnalyzer.Analyze(script), finding => Assert.Equal(SqlKinds.Read, finding.Kind));

    [Theory]
    [InlineData("db.users.deleteMany({a: 1})", "users")]
    [InlineData("db.users.remove({_id: id})", "users")]
    [InlineData("db.users.updateMany({a: 1}, {$set: {b: 2}})", "users")]
    [InlineData("db.users.insertOne({a: 1})", "users")]
    [InlineData("db.users.aggregate([{$match: {}}, {$out: 'archive'}])", "archive")]
    [InlineData("db.users.aggregate([{$merge: {into: 'x'}}])", "users")]
    [InlineData("db.users.renameCollection('people')", "users")]
    [InlineData("db.users.update({}, {$set: {a: 1}})", "users")]
    public void Analyze_BoundedWrites_AreWrites(string script, string target)
    {
        var worst = Worst(script);
        Assert.Equal(SqlKinds.Write, worst.Kind);
        Assert.Equal(target, worst.Target);
    }

    [Fact]
    public void Analyze_ChainedReads_GiveOneFinding() =>
        Assert.Single(MongoAnalyzer.Analyze("db.users.find().count()"));

    [Theory]
    [InlineData("db.eval('db.users.drop()')")]
    [InlineData("eval(code)")]
    public void Analyze_Eval_IsExecuteUnknown(string script) => Assert.Equal(Verb.ExecuteUnknown, Worst(script).Verb);

    [Fact]
    public void Analyze_LoadScript_IsUnknownWrite()
    {
        var finding = Assert.Single(MongoAnalyzer.Analyze("load('cleanup.js')"));
        Assert.Equal(SqlKinds.Unknown, finding.Kind);
        Assert.Equal("cleanup.js", finding.Target);
    }
}
