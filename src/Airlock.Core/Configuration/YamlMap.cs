using System.Globalization;

namespace Airlock.Configuration;

/// <summary>
/// Reads a YAML mapping into typed values and collects every error with its line, so a bad file is
/// reported whole rather than one error per attempt.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMapping _node;
    private readonly ConfigErrors _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlMapping node, ConfigErrors errors)
    {
        _node = node;
        _errors = errors;
    }

    public int Line => _node.Line;

    public static YamlMap? From(YamlNode? node, ConfigErrors errors, string what)
    {
        if (node is null || IsEmpty(node))
        {
            return null;
        }

        if (node is YamlMapping mapping)
        {
            return new YamlMap(mapping, errors);
        }

        errors.Add(node, $"{what} must be a mapping");
        return null;
    }

    /// <summary>A key with nothing after it (<c>rules:</c> followed only by comments) counts as absent.</summary>
    private static bool IsEmpty(YamlNode node) => node is YamlScalar { IsEmpty: true };

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return _node.Get(key);
    }

    public string? String(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalar scalar:
                return scalar.IsEmpty ? null : scalar.Value;
            default:
                _errors.Add(node, $"'{key}' must be a single value");
                return null;
        }
    }

    public IReadOnlyList<string> List(string key)
    {
        var node = Node(key);
        return node is null ? [] : Strings(node, key, _errors);
    }

    public static IReadOnlyList<string> Strings(YamlNode node, string key, ConfigErrors errors)
    {
        switch (node)
        {
            case YamlScalar scalar:
                return scalar.IsEmpty ? [] : [scalar.Value];
            case YamlSequence sequence:
                var values = new List<string>();
                foreach (var item in sequence.Items)
                {
                    if (item is YamlScalar value)
                    {
                        values.Add(value.Value);
                    }
                    else
                    {
                        errors.Add(item, $"'{key}' must be a list of values");
                    }
                }

                return values;
            default:
                errors.Add(node, $"'{key}' must be a list of values");
                return [];
        }
    }

    /// <summary>A nested mapping; null when the key is absent or empty.</summary>
    public YamlMap? Map(string key) => From(Node(key), _errors, $"'{key}'");

    public IEnumerable<YamlMap> Maps(string key)
    {
        var node = Node(key);
        if (node is null || IsEmpty(node))
        {
            yield break;
        }

        if (node is not YamlSequence sequence)
        {
            _errors.Add(node, $"'{key}' must be a list");
            yield break;
        }

        foreach (var item in sequence.Items)
        {
            if (From(item, _errors, $"an item of '{key}'") is { } map)
            {
                yield return map;
            }
        }
    }

    public bool Bool(string key, bool fallback = false)
    {
        var text = String(key);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _errors.Add(Node(key)!, $"'{key}' must be true or false");
        return fallback;
    }

    public int Int(string key, int fallback = 0)
    {
        var text = String(key);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        _errors.Add(Node(key)!, $"'{key}' must be a whole number");
        return fallback;
    }

    /// <summary>A duration such as <c>15m</c> or <c>1h30m</c> (see <see cref="Durations"/>).</summary>
    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Durations.TryParse(text, out var value))
        {
            return value;
        }

        _errors.Add(Node(key)!, $"'{key}' is '{text}'; expected a duration such as 90s, 15m, 8h or 1h30m");
        return null;
    }

    /// <summary>Parses a kebab-case name into an enum value (<c>local-scratch</c> → LocalScratch).</summary>
    public T? Enum<T>(string key) where T : struct, Enum
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (EnumNames.TryParse<T>(text, out var value))
        {
            return value;
        }

        _errors.Add(Node(key)!, $"'{key}' is '{text}'; expected one of {string.Join(", ", EnumNames.All<T>())}");
        return null;
    }

    /// <summary>Reports keys this reader never asked for: typos fail loudly instead of being ignored.</summary>
    public void RejectUnknownKeys(string what)
    {
        foreach (var (key, _) in _node.Entries)
        {
            if (!_read.Contains(key.Value))
            {
                _errors.Add(key, $"unknown key '{key.Value}' in {what}");
            }
        }
    }
}
