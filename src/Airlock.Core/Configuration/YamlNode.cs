namespace Airlock.Configuration;

/// <summary>A node of the YAML subset Airlock's configuration files use, with the line it starts on.</summary>
internal abstract record YamlNode(int Line);

/// <summary>A scalar; <paramref name="Quoted"/> when it was written in quotes (so <c>"null"</c> is text, not empty).</summary>
internal sealed record YamlScalar(int Line, string Value, bool Quoted) : YamlNode(Line)
{
    /// <summary>An unquoted empty value, <c>~</c> or <c>null</c>: nothing was written.</summary>
    public bool IsEmpty => !Quoted && Value is "" or "~" or "null";
}

internal sealed record YamlSequence(int Line, IReadOnlyList<YamlNode> Items) : YamlNode(Line);

/// <summary>A mapping, keys in the order they were written.</summary>
internal sealed record YamlMapping(int Line, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Line)
{
    public YamlNode? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
