using Airlock.Analysis;
using Airlock.Model;
using Airlock.Policy;
using BenchmarkDotNet.Attributes;

namespace Airlock.Benchmarks;

/// <summary>In-process analysis and decision of single representative calls, and of the whole mix.</summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private readonly PolicyEngine _engine = new(PolicyLoader.BuiltIn);
    private readonly ActionAnalyzer _analyzer = new();

    public static IEnumerable<string> Names => ["git status", "rm -rf node_modules dist", "railway volumeDelete", "psql prod DROP", "base64 -d into sh"];

    [ParamsSource(nameof(Names))]
    public string Command { get; set; } = "";

    private ActionRequest _request = ActionRequest.ForShell("true");

    [GlobalSetup]
    public void Setup() => _request = RealisticMix.Requests.First(r => Describe(r).Contains(Key(Command), StringComparison.Ordinal));

    [Benchmark]
    public ActionAnalysis Analyze() => _analyzer.Analyze(_request);

    [Benchmark]
    public Decision Decide() => _engine.Decide(_request);

    private static string Key(string name) => name switch
    {
        "railway volumeDelete" => "volumeDelete",
        "psql prod DROP" => "DROP TABLE users",
        "base64 -d into sh" => "base64 -d",
        _ => name,
    };

    private static string Describe(ActionRequest request) => request.Input.GetRawText();
}
