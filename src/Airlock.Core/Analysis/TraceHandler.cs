using System.Runtime.CompilerServices;
using System.Text;

namespace Airlock.Analysis;

/// <summary>
/// Builds a trace line only when the analysis is traced (<c>airlock explain</c>); otherwise the
/// interpolation is skipped entirely, which keeps the hot path free of string formatting.
/// </summary>
[InterpolatedStringHandler]
internal ref struct TraceHandler
{
    private StringBuilder? _builder;

    public TraceHandler(int literalLength, int formattedCount, AnalysisContext context, out bool enabled)
    {
        enabled = context.Tracing;
        _builder = enabled ? new StringBuilder(literalLength + (formattedCount * 16)) : null;
    }

    public readonly void AppendLiteral(string value) => _builder?.Append(value);

    public readonly void AppendFormatted<T>(T value) => _builder?.Append(value);

    public override readonly string ToString() => _builder?.ToString() ?? "";
}
