using System.Globalization;
using System.Text;
using System.Text.Json;
using Airlock.Model;
using Airlock.Policy;
using Xunit.Abstractions;

namespace Airlock.Tests.Corpus;

/// <summary>
/// The labelled corpus: every case in <c>Corpus/*.tsv</c> is decided with the built-in policy and must get
/// the outcome a careful engineer expects under the default policy table. The labels are the specification;
/// a mismatch is a bug in the analyzer or the policy, not in the label.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private const int MinimumCases = 500;

    private static readonly Lazy<IReadOnlyList<CorpusCase>> Cases = new(CorpusCase.LoadAll);

    [Fact]
    public void Corpus_EveryCase_GetsItsLabelledOutcome()
    {
        var engine = new PolicyEngine(PolicyLoader.BuiltIn);
        var results = Cases.Value.Select(c => (Case: c, Decision: engine.Decide(c.ToRequest()))).ToList();
        var mismatches = results.Where(r => r.Decision.Outcome != r.Case.Expected).ToList();

        output.WriteLine(Summary(results));

        if (mismatches.Count > 0)
        {
            var report = new StringBuilder();
            report.Append(CultureInfo.InvariantCulture, $"{mismatches.Count} of {results.Count} corpus cases got an outcome other than their label")
                .Append(CultureInfo.InvariantCulture, $" ({mismatches.Count(m => m.Decision.Outcome < m.Case.Expected)} too lenient, {mismatches.Count(m => m.Decision.Outcome > m.Case.Expected)} too strict):")
                .AppendLine();
            foreach (var (c, d) in mismatches)
            {
                report.AppendLine(Describe(c, d));
            }

            output.WriteLine(report.ToString());
            Assert.Fail(report.ToString());
        }
    }

    [Fact]
    public void Corpus_HasAtLeast500Cases()
    {
        var count = Cases.Value.Count;
        output.WriteLine($"{count} corpus cases in {Cases.Value.Select(c => c.File).Distinct(StringComparer.Ordinal).Count()} files");
        Assert.True(count >= MinimumCases, $"The corpus has {count} cases; it must have at least {MinimumCases}.");
    }

    [Fact]
    public void Corpus_HasNoDuplicateCases()
    {
        var duplicates = Cases.Value
            .GroupBy(c => (c.Tool, c.Input))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(", ", g.Select(c => c.Location)) + ": " + g.Key.Tool + " " + g.Key.Input)
            .ToList();
        Assert.True(duplicates.Count == 0, "Duplicate corpus cases:\n" + string.Join('\n', duplicates));
    }

    private static string Summary(List<(CorpusCase Case, Decision Decision)> results)
    {
        var expectedFlagged = results.Count(r => r.Case.Expected != Outcome.Allow);
        var actualFlagged = results.Count(r => r.Decision.Outcome != Outcome.Allow);
        var bothFlagged = results.Count(r => r.Case.Expected != Outcome.Allow && r.Decision.Outcome != Outcome.Allow);
        var exact = results.Count(r => r.Case.Expected == r.Decision.Outcome);
        var precision = actualFlagged == 0 ? 1.0 : (double)bothFlagged / actualFlagged;
        var recall = expectedFlagged == 0 ? 1.0 : (double)bothFlagged / expectedFlagged;

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {results.Count} cases");
        text.AppendLine(CultureInfo.InvariantCulture, $"Flagged (not allow): labelled {expectedFlagged}, decided {actualFlagged}, both {bothFlagged}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Precision of flagged: {precision:P1}   Recall of flagged: {recall:P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Exact-outcome accuracy: {exact}/{results.Count} = {(double)exact / results.Count:P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Too lenient: {results.Count(r => r.Decision.Outcome < r.Case.Expected)}   Too strict: {results.Count(r => r.Decision.Outcome > r.Case.Expected)}");

        text.AppendLine("Confusion (rows: labelled, columns: decided):");
        var outcomes = Enum.GetValues<Outcome>();
        text.Append("          ");
        foreach (var actual in outcomes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Name(actual),9}");
        }

        text.AppendLine();
        foreach (var expected in outcomes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Name(expected),-10}");
            foreach (var actual in outcomes)
            {
                text.Append(CultureInfo.InvariantCulture, $"{results.Count(r => r.Case.Expected == expected && r.Decision.Outcome == actual),9}");
            }

            text.AppendLine();
        }

        text.AppendLine("Per file (exact / total):");
        foreach (var file in results.GroupBy(r => r.Case.File, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {file.Key,-30} {file.Count(r => r.Case.Expected == r.Decision.Outcome),4} / {file.Count(),4}");
        }

        return text.ToString();
    }

    private static string Describe(CorpusCase c, Decision d)
    {
        var operations = d.Operations.Count == 0
            ? "no operations"
            : string.Join("; ", d.Operations.Select(o =>
                $"{o.Operation.Kind} {o.Operation.Verb}/{o.Operation.BlastRadius}/{o.Operation.Environment}/{o.Operation.Reversibility} '{Truncate(o.Operation.Target, 60)}' → {Name(o.Outcome)}"));
        return $"  {c.Location}: expected {Name(c.Expected)}, got {Name(d.Outcome)} ({d.ReasonCode} by {d.Rule}) — {c.Tool} {Truncate(c.Input.Replace("\n", "\\n", StringComparison.Ordinal), 160)}\n      operations: {operations}";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    internal static string Name(Outcome outcome) => outcome switch
    {
        Outcome.Allow => "allow",
        Outcome.Ask => "ask",
        Outcome.Approve => "approve",
        Outcome.Deny => "deny",
        _ => outcome.ToString(),
    };
}

/// <summary>One labelled line of a corpus file: <c>EXPECTED&lt;TAB&gt;TOOL&lt;TAB&gt;INPUT</c>.</summary>
internal sealed record CorpusCase(string File, int Line, Outcome Expected, string Tool, string Input)
{
    /// <summary>Every case runs from this project directory; it does not exist here, so scripts cannot be read.</summary>
    public const string Cwd = "/home/dev/project";

    public string Location => $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}";

    public ActionRequest ToRequest() => IsBash
        ? ActionRequest.ForShell(Input, Cwd)
        : new ActionRequest { Tool = Tool, Input = JsonDocument.Parse(Input).RootElement.Clone(), Cwd = Cwd };

    private bool IsBash => Tool.Equals("Bash", StringComparison.Ordinal);

    public static IReadOnlyList<CorpusCase> LoadAll()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus");
        var files = Directory.GetFiles(folder, "*.tsv").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"No corpus files in {folder}.");
        }

        var cases = new List<CorpusCase>();
        var errors = new List<string>();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var lines = System.IO.File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Length == 0 || line.StartsWith('#') || line.All(char.IsWhiteSpace))
                {
                    continue;
                }

                var parsed = Parse(name, i + 1, line, out var error);
                if (parsed is null)
                {
                    errors.Add($"{name}:{(i + 1).ToString(CultureInfo.InvariantCulture)}: {error}");
                }
                else
                {
                    cases.Add(parsed);
                }
            }
        }

        return errors.Count > 0
            ? throw new InvalidDataException("Malformed corpus lines:\n" + string.Join('\n', errors))
            : cases;
    }

    private static CorpusCase? Parse(string file, int line, string text, out string error)
    {
        error = "";
        var fields = text.Split('\t');
        if (fields.Length != 3)
        {
            error = $"expected 3 tab-separated fields, found {fields.Length.ToString(CultureInfo.InvariantCulture)}";
            return null;
        }

        Outcome? expected = fields[0] switch
        {
            "allow" => Outcome.Allow,
            "ask" => Outcome.Ask,
            "approve" => Outcome.Approve,
            "deny" => Outcome.Deny,
            _ => null,
        };
        if (expected is null)
        {
            error = $"unknown outcome '{fields[0]}'";
            return null;
        }

        var tool = fields[1];
        var input = fields[2];
        if (tool.Length == 0 || input.Length == 0)
        {
            error = "empty tool or input";
            return null;
        }

        if (tool.Equals("Bash", StringComparison.Ordinal))
        {
            input = input.Replace("\\n", "\n", StringComparison.Ordinal);
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(input);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = "the input of a non-Bash tool must be a JSON object";
                    return null;
                }
            }
            catch (JsonException e)
            {
                error = $"invalid JSON: {e.Message}";
                return null;
            }
        }

        return new CorpusCase(file, line, expected.Value, tool, input);
    }
}
