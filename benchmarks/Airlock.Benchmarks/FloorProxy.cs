using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Airlock.Benchmarks;

/// <summary>
/// The least a proxy can add on this machine, as a yardstick for <c>airlock serve</c>'s proxy: a bare
/// Kestrel reverse proxy with no authentication, analysis or policy. With <c>--durable true</c> it first
/// commits one 2 KB row per request to SQLite (WAL, <c>synchronous=FULL</c>) — the smallest possible
/// "record before effect" — and only then forwards; without, it only forwards. Run in its own process,
/// like the gateway, by proxy-load.sh.
/// </summary>
/// <remarks><c>floor-proxy --port P --upstream-port U --credential SECRET [--database PATH]</c>.</remarks>
internal static class FloorProxy
{
    public static async Task RunAsync(string[] args)
    {
        var options = ProxyLoad.Options(args);
        var port = int.Parse(options["--port"], CultureInfo.InvariantCulture);
        var upstream = new Uri($"http://127.0.0.1:{options["--upstream-port"]}");
        var credential = options["--credential"];
        using var journal = options.TryGetValue("--database", out var path) ? new Journal(path) : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        app.Urls.Add($"http://127.0.0.1:{port}");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (journal is not null)
            {
                await journal.CommitAsync(context.Request.Path.Value ?? "");
            }

            using var message = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream, context.Request.Path.Value))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            message.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + credential);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.RunAsync();
    }

    /// <summary>One durable row per request, written by one thread that commits whatever is queued together.</summary>
    private sealed class Journal : IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(string, TaskCompletionSource)> _queue = [];
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly string _padding = new('x', 2048);

        public Journal(string path)
        {
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
            _connection.Open();
            using (var setup = _connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, path TEXT NOT NULL, record TEXT NOT NULL);";
                setup.ExecuteNonQuery();
            }

            _insert = _connection.CreateCommand();
            _insert.CommandText = "INSERT INTO journal (at, path, record) VALUES ($at, $path, $record)";
            _insert.Parameters.Add("$at", SqliteType.Integer);
            _insert.Parameters.Add("$path", SqliteType.Text);
            _insert.Parameters.Add("$record", SqliteType.Text);
            _insert.Prepare();
            new Thread(WriteLoop) { IsBackground = true, Name = "journal writer" }.Start();
        }

        /// <summary>Queues the row for the writer thread; completes once the transaction holding it has committed.</summary>
        public Task CommitAsync(string path)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add((path, done));
            return done.Task;
        }

        /// <summary>Group commit on a dedicated thread: everything queued goes into one transaction, one fsync.</summary>
        private void WriteLoop()
        {
            var batch = new List<(string Path, TaskCompletionSource Done)>();
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Add(first);
                while (_queue.TryTake(out var next))
                {
                    batch.Add(next);
                }

                using (var transaction = _connection.BeginTransaction())
                {
                    _insert.Transaction = transaction;
                    foreach (var (path, _) in batch)
                    {
                        _insert.Parameters[0].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                        _insert.Parameters[1].Value = path;
                        _insert.Parameters[2].Value = _padding;
                        _insert.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                batch.ForEach(b => b.Done.SetResult());
                batch.Clear();
            }
        }

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }
}
