namespace Airlock.Configuration;

/// <summary>Kebab-case names for enums, as they are written in YAML and JSON (<c>local-scratch</c>, <c>rewrite-history</c>).</summary>
/// <remarks>
/// Plain arrays indexed by the enum's value, no generic collections over the enum types: those would be
/// compiled at run time on every hook start (the hook start-up measurement found ~400 such methods).
/// Airlock's enums are int-based and numbered 0..n-1.
/// </remarks>
internal static class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[(int)(object)value];

    public static IEnumerable<string> All<T>() where T : struct, Enum => Names<T>.ByValue;

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var names = Names<T>.ByValue;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                value = (T)(object)i;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly string[] ByValue = Build(typeof(T));
    }

    private static string[] Build(Type type)
    {
        var names = Enum.GetNames(type);
        var result = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = ToKebab(names[i]);
        }

        return result;
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
