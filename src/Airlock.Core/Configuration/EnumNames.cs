using System.Collections.Frozen;

namespace Airlock.Configuration;

/// <summary>Kebab-case names for enums, as they are written in YAML and JSON (<c>local-scratch</c>, <c>rewrite-history</c>).</summary>
internal static class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    public static IEnumerable<string> All<T>() where T : struct, Enum => Names<T>.ByValue.Values;

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum => Names<T>.ByName.TryGetValue(text, out value);

    /// <summary>Computed once per enum type: names are written on every decision (the latency harness showed the cost).</summary>
    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => ToKebab(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }

    private static string ToKebab(string name)
    {
        var result = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                result.Append('-');
            }

            result.Append(char.ToLowerInvariant(name[i]));
        }

        return result.ToString();
    }
}
