namespace Airlock.Model;

/// <summary>Everything Airlock understood about one request: its operations and how it got there.</summary>
public sealed record ActionAnalysis
{
    public required ActionRequest Request { get; init; }

    public required IReadOnlyList<Operation> Operations { get; init; }

    /// <summary>Steps a person reads to follow the analysis (parse, unwrapping, catalog matches).</summary>
    public IReadOnlyList<string> Trace { get; init; } = [];
}
