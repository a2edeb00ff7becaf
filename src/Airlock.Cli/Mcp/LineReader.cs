namespace Airlock.Cli.Mcp;

/// <summary>
/// Reads newline-delimited messages (the MCP stdio framing) from a stream as raw bytes, so that what
/// is not gated is passed on byte for byte. A last line without a newline is still a line.
/// </summary>
internal sealed class LineReader(Stream stream)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _scanned;

    /// <summary>The next line without its newline, or null at the end of the stream.</summary>
    public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _scanned, _end - _scanned);
            if (newline >= 0)
            {
                var line = _buffer.AsSpan(_start, newline - _start).ToArray();
                _start = _scanned = newline + 1;
                return line;
            }

            _scanned = _end;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _scanned -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start)
                {
                    return null;
                }

                var rest = _buffer.AsSpan(_start, _end - _start).ToArray();
                _start = _end = _scanned = 0;
                return rest;
            }

            _end += read;
        }
    }
}
