using System.Globalization;

namespace Airlock.Configuration;

/// <summary>Durations as people write them in configuration and on the command line: <c>90s</c>, <c>15m</c>, <c>8h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var total = TimeSpan.Zero;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && char.IsAsciiDigit(span[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == span.Length || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000)
            {
                return false;
            }

            var unit = span[digits..].StartsWith("ms", StringComparison.Ordinal) ? "ms" : span.Slice(digits, 1).ToString();
            TimeSpan? part = unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            total += part.Value;
            span = span[(digits + unit.Length)..];
        }

        value = total;
        return true;
    }
}
