namespace Airlock.Redaction;

/// <summary>Where a value's text lies (without its quotes), and where scanning resumes after it.</summary>
internal readonly record struct ValueSpan(int Start, int End, int Resume)
{
    public int Length => End - Start;
}
