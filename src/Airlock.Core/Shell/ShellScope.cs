namespace Airlock.Shell;

/// <summary>
/// Shell variables as far as they can be known statically. A variable that is set to something that
/// cannot be computed (a command's output, a read) is unknown, which is different from unset.
/// </summary>
internal sealed class ShellScope
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tainted = new(StringComparer.Ordinal);

    public ShellScope(string? cwd, string home = "~")
    {
        // The home folder stays symbolic so that `rm -rf $HOME` and `rm -rf ~` read the same.
        _values["HOME"] = home;
        _values["IFS"] = " \t\n";
        if (cwd is not null)
        {
            _values["PWD"] = cwd;
        }
    }

    private ShellScope(ShellScope other)
    {
        _values = new Dictionary<string, string?>(other._values, StringComparer.Ordinal);
        _tainted = new HashSet<string>(other._tainted, StringComparer.Ordinal);
    }

    public ShellScope Clone() => new(this) { Positional = Positional, _arrays = _arrays is null ? null : new(_arrays, StringComparer.Ordinal) };

    private Dictionary<string, IReadOnlyList<string>?>? _arrays;

    /// <summary>An array's elements; null when the array is unknown or not an array.</summary>
    public IReadOnlyList<string>? GetArray(string name) => _arrays?.GetValueOrDefault(name);

    public void SetArray(string name, IReadOnlyList<string>? elements) => (_arrays ??= new(StringComparer.Ordinal))[name] = elements;

    /// <summary>The positional parameters after <c>set -- a b c</c>; null when they come from outside and are unknown.</summary>
    public IReadOnlyList<string>? Positional { get; set; }

    /// <summary>The value; null with <paramref name="known"/> false when it cannot be known.</summary>
    public string? Get(string name, out bool known)
    {
        if (_values.TryGetValue(name, out var value))
        {
            known = value is not null;
            return value;
        }

        // Not set in the script: it comes from the agent's environment, which Airlock does not see.
        known = false;
        return null;
    }

    public bool IsSetToUnknown(string name) => _values.TryGetValue(name, out var value) && value is null;

    public bool IsTainted(string name) => _tainted.Contains(name) || SecretNames.LooksSecret(name);

    public void Set(string name, string? value, bool tainted)
    {
        _values[name] = value;
        if (tainted)
        {
            _tainted.Add(name);
        }
        else
        {
            _tainted.Remove(name);
        }
    }
}
