using System.Text.Json;
using System.Text.Json.Nodes;
using Airlock.Analysis;
using Airlock.Model;

namespace Airlock.Tests.Analysis;

public sealed class HttpRequestToolAnalyzerTests
{
    private static readonly ActionAnalyzer Analyzer = new();

    [Fact]
    public void Analyze_RouteEnvironment_WinsOverALoopbackHostAndIsNamedAsEvidence()
    {
        var operation = Assert.Single(Analyze(new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "http://127.0.0.1:9000/graphql",
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["body"] = """{"query":"mutation { volumeDelete(volumeId: \"v1\") }"}""",
            ["environment"] = "production",
            ["route"] = "railway",
        }));

        Assert.Equal("graphql.mutation.delete", operation.Kind);
        Assert.Equal(DeploymentEnvironment.Prod, operation.Environment);
        Assert.Equal(BlastRadius.Remote, operation.BlastRadius);
        Assert.Contains("route 'railway'", operation.EnvironmentEvidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MethodOverrideHeader_IsTheMethodTheServerRuns()
    {
        var operation = Assert.Single(Analyze(new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "https://api.example.com/v1/projects/42",
            ["headers"] = new JsonObject { ["X-HTTP-Method-Override"] = "delete" },
        }));

        Assert.Equal("http.delete", operation.Kind);
    }

    [Fact]
    public void Analyze_UnreadBodyToAGraphQlEndpoint_IsAnUnknownOperationNotARead()
    {
        var operations = Analyze(new JsonObject
        {
            ["method"] = "POST",
            ["url"] = "https://backboard.railway.app/graphql/v2",
            ["body_unread"] = "binary content (application/octet-stream)",
        });

        Assert.Contains(operations, o => o.Kind == "graphql.unknown" && o.Reversibility == Reversibility.Irreversible);
    }

    [Fact]
    public void Analyze_UnreadableEnvironmentName_CountsAsUnknownNeverSafer()
    {
        var operation = Assert.Single(Analyze(new JsonObject
        {
            ["method"] = "DELETE",
            ["url"] = "http://localhost:8080/items/1",
            ["environment"] = "blue-green",
        }));

        Assert.Equal(DeploymentEnvironment.Unknown, operation.Environment);
    }

    private static IReadOnlyList<Operation> Analyze(JsonObject input) => Analyzer.Analyze(new ActionRequest
    {
        Tool = "http_request",
        Input = JsonSerializer.SerializeToElement(input),
    }).Operations;
}
