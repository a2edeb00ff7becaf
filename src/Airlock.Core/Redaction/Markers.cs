using System.Text;

namespace Airlock.Redaction;

/// <summary>Replaces the found spans with <c>[REDACTED:kind]</c> markers, merging spans that overlap.</summary>
internal static class Markers
{
    public static RedactedText Apply(string text, List<SecretSpan> spans)
    {
        if (spans.Count == 0)
        {
            return new RedactedText(text, []);
        }

        // Earliest first; at one start the longest; for one stretch the span that knows the format.
        spans.Sort(static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.End != b.End ? b.End.CompareTo(a.End)
            : b.Priority.CompareTo(a.Priority));

        var builder = new StringBuilder(text.Length);
        var kinds = new List<string>();
        var copied = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var first = spans[i];
            var end = first.End;
            for (i++; i < spans.Count && spans[i].Start < end; i++)
            {
                end = Math.Max(end, spans[i].End);
            }

            builder.Append(text, copied, first.Start - copied).Append(RedactionKinds.Marker(first.Kind));
            kinds.Add(first.Kind);
            copied = end;
        }

        builder.Append(text, copied, text.Length - copied);
        return new RedactedText(builder.ToString(), kinds);
    }
}
