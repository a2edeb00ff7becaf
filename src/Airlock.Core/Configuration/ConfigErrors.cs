namespace Airlock.Configuration;

/// <summary>Every error found in a configuration file, each with its line.</summary>
internal sealed class ConfigErrors
{
    private readonly List<ConfigError> _errors = [];

    public ConfigErrors(string source)
    {
        Source = source;
    }

    public string Source { get; }

    public IReadOnlyList<ConfigError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(YamlNode node, string message) => _errors.Add(new ConfigError(Source, node.Line, message));

    public void Add(int line, string message) => _errors.Add(new ConfigError(Source, line, message));
}

/// <summary>One error in a configuration file.</summary>
public sealed record ConfigError(string Source, int Line, string Message)
{
    public override string ToString() => $"{Source}:{Line}: {Message}";
}

/// <summary>A configuration file that cannot be used, with all its errors.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
