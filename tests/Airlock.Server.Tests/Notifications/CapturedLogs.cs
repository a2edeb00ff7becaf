using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Tests.Notifications;

/// <summary>A logger provider that keeps every entry: its event id, formatted message and each structured value.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ILoggerFactory _factory;
    private bool _disposed;

    public CapturedLogs()
    {
        _factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
    }

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger<T> Logger<T>() => _factory.CreateLogger<T>();

    public IReadOnlyList<LogEntry> WithEventId(int eventId) => Entries.Where(entry => entry.EventId == eventId).ToList();

    /// <summary>Everything written, message and values, as one text to search for what must not be there.</summary>
    public string AllText() => string.Join('\n', Entries.Select(entry => $"{entry.Message}\n{string.Join('\n', entry.Values)}"));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
        // The factory disposes its providers, this one included, so the second call returns at once.
        if (!_disposed)
        {
            _disposed = true;
            _factory.Dispose();
        }
    }

    private sealed class CapturingLogger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(pair => $"{pair.Key}={pair.Value}").ToList()
                : [];
            if (exception is not null)
            {
                values.Add(exception.ToString());
            }

            logs._entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), values));
        }
    }
}

internal sealed record LogEntry(LogLevel Level, int EventId, string Message, IReadOnlyList<string> Values);
