namespace Airlock.Audit;

/// <summary>Splits a stream into '\n'-terminated lines without decoding them; a line is valid until the next one is read.</summary>
internal sealed class BundleLines(Stream input)
{
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;

    public long LineNumber { get; private set; }

    public bool TryRead(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                line = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                LineNumber++;
                return line.Length > 0;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
    }
}
