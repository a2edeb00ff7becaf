namespace Airlock.Http;

/// <summary>What one root-level selection set names: fields, and fragments spread into it.</summary>
internal sealed class GraphQlRootSelection
{
    public List<string> Fields { get; } = [];

    public List<string> Spreads { get; } = [];
}
