namespace Airlock.Audit;

/// <summary>
/// Record lines copied out of the reader's buffer so they can be parsed and hashed on all cores at once;
/// the verifier then applies them in file order. Copying costs far less than the parsing it spreads.
/// </summary>
internal sealed class RecordBatch
{
    public const int Capacity = 4096;
    private byte[] _bytes = new byte[4 << 20];
    private readonly (int Start, int Length, long LineNumber)[] _lines = new (int, int, long)[Capacity];
    private int _used;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Add(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (_used + line.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + line.Length));
        }

        line.CopyTo(_bytes.AsSpan(_used));
        _lines[Count++] = (_used, line.Length, lineNumber);
        _used += line.Length;
    }

    public ReadOnlyMemory<byte> Line(int i) => _bytes.AsMemory(_lines[i].Start, _lines[i].Length);

    public long LineNumber(int i) => _lines[i].LineNumber;

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
