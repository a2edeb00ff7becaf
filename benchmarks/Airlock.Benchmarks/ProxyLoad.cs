using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Airlock.Benchmarks;

/// <summary>
/// What the HTTP proxy adds to a request, at a fixed arrival rate (wrk cannot hold one; wrk2 is not
/// packaged here). A loopback GraphQL API runs in this process; the same allowed read —
/// <c>query { me { id } }</c> — is sent straight to it and through <c>airlock serve</c>'s proxy route,
/// in alternating rounds of phases (direct, …, proxy, then again) so drift of the shared machine falls on all targets.
/// Requests leave on schedule whether or not earlier ones have answered (an open loop: a slow answer
/// cannot hold back the next request and hide its own delay), and each is timed from the moment it
/// was sent to its last byte.
/// </summary>
/// <remarks>
/// <c>proxy-load --upstream-port P --proxy URL --token AGENT_TOKEN --credential SECRET [--gateway URL] [--gateway-pid PID]
/// [--floor-hop URL] [--floor-durable URL] [--rate 1000] [--seconds 20] [--warmup 10]</c>.
/// With <c>--gateway</c> a third target, <c>POST /v1/decide</c> with the <c>http_request</c> the proxy would decide,
/// shows how much of the proxy's cost is the decision; with <c>--gateway-pid</c> each phase reports the gateway's CPU time per request.
/// <c>--floor-hop</c> and <c>--floor-durable</c> add the <see cref="FloorProxy"/> yardsticks as targets.
/// </remarks>
internal static class ProxyLoad
{
    private const string Query = """{"query":"query { me { id } }"}""";
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"data":{"me":{"id":"user_1"}}}""");

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var port = int.Parse(options["--upstream-port"], CultureInfo.InvariantCulture);
        var rate = int.Parse(options.GetValueOrDefault("--rate", "1000"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(options.GetValueOrDefault("--seconds", "20"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("--warmup", "10"), CultureInfo.InvariantCulture);
        var credential = options["--credential"];

        var gatewayPid = options.TryGetValue("--gateway-pid", out var pidText) ? int.Parse(pidText, CultureInfo.InvariantCulture) : (int?)null;
        await using var upstream = await StartUpstreamAsync(port, credential);
        var direct = new Target("direct", new Uri($"http://127.0.0.1:{port}/graphql"), credential, Query);
        var proxied = new Target("proxy", new Uri(options["--proxy"].TrimEnd('/') + "/graphql"), options["--token"], Query);
        List<Target> targets = [direct, proxied];
        if (options.TryGetValue("--gateway", out var gateway))
        {
            // The tool call the proxy builds for the same request: decided and durably recorded, not forwarded.
            var input = $"{{\"route\":\"bench\",\"method\":\"POST\",\"url\":\"http://127.0.0.1:{port}/graphql\",\"headers\":{{\"content-type\":\"application/json; charset=utf-8\"}},\"body\":{JsonSerializer.Serialize(Query)},\"environment\":\"production\"}}";
            targets.Insert(1, new Target("decide", new Uri(gateway.TrimEnd('/') + "/v1/decide"), options["--token"], $"{{\"tool\":\"http_request\",\"client\":\"bench\",\"input\":{input}}}"));
        }

        // Yardsticks (FloorProxy): a bare forwarding proxy, and the same committing one durable row before it forwards.
        foreach (var floor in new[] { "floor-hop", "floor-durable" })
        {
            if (options.TryGetValue("--" + floor, out var url))
            {
                targets.Insert(targets.Count - 1, new Target(floor, new Uri(url.TrimEnd('/') + "/graphql"), "", Query));
            }
        }

        Console.WriteLine($"Fixed arrival rate {rate}/s; warm-up {warmup} s per target, then {seconds} s phases: {string.Join(", ", targets.Concat(targets).Select(t => t.Name))}.");
        foreach (var target in targets)
        {
            await RunPhaseAsync(target, rate, warmup, gatewayPid);
        }

        var results = new List<PhaseResult>();
        foreach (var target in targets.Concat(targets))
        {
            var result = await RunPhaseAsync(target, rate, seconds, gatewayPid);
            results.Add(result);
            Console.WriteLine(result.Line());
        }

        Console.WriteLine();
        Console.WriteLine("| Target | Requests | Errors | Achieved rate/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | Gateway CPU per request µs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            Console.WriteLine(result.Row());
        }

        Console.WriteLine();
        Console.WriteLine("| Target | Percentile | Direct (median of 2 phases) ms | Target (median of 2 phases) ms | Added ms | Ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var target in targets.Where(t => t != direct))
        {
            foreach (var (name, pick) in new (string, Func<PhaseResult, double>)[] { ("p50", r => r.P50), ("p90", r => r.P90), ("p99", r => r.P99), ("p99.9", r => r.P999) })
            {
                var d = Median(results.Where(r => r.Name == "direct").Select(pick));
                var p = Median(results.Where(r => r.Name == target.Name).Select(pick));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {target.Name} | {name} | {d:0.000} | {p:0.000} | {p - d:0.000} | {p / d:0.00} |"));
            }
        }

        return results.Sum(r => r.Errors) == 0 ? 0 : 1;
    }

    /// <summary>Sends <paramref name="rate"/> requests a second for <paramref name="seconds"/>, on a schedule no answer can delay.</summary>
    private static async Task<PhaseResult> RunPhaseAsync(Target target, int rate, int seconds, int? gatewayPid)
    {
        var cpuBefore = GatewayTicks(gatewayPid);
        var total = rate * seconds;
        var latencies = new double[total];
        var pending = new Task[total];
        var errors = 0;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var interval = Stopwatch.Frequency / (double)rate;
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        // A dedicated thread keeps the schedule: it wakes every millisecond and sends everything now due.
        var scheduler = new Thread(() =>
        {
            while (next < total)
            {
                var due = (long)((Stopwatch.GetTimestamp() - started) / interval);
                for (; next < total && next <= due; next++)
                {
                    pending[next] = SendAsync(client, target, latencies, next, () => Interlocked.Increment(ref errors));
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        scheduler.Join();
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.WhenAll(pending);
        var cpu = GatewayTicks(gatewayPid) - cpuBefore;
        // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
        return PhaseResult.From(target.Name, latencies, errors, total / elapsed.TotalSeconds, gatewayPid is null ? null : cpu * 10_000.0 / total);
    }

    private static async Task SendAsync(HttpClient client, Target target, double[] latencies, int index, Action error)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(target.Body, Encoding.UTF8, "application/json") };
        if (target.Token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        }
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            latencies[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                error();
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            latencies[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            error();
        }
    }

    /// <summary>The loopback API: answers the query the way a cloud GraphQL API would, after checking its credential.</summary>
    private static async Task<WebApplication> StartUpstreamAsync(int port, string credential)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        app.Urls.Add($"http://127.0.0.1:{port}");
        var expected = "Bearer " + credential;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (!string.Equals(context.Request.Headers.Authorization.ToString(), expected, StringComparison.Ordinal))
            {
                context.Response.StatusCode = 401;
                return;
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Answer.Length;
            await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }

    internal static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The gateway's CPU time so far (user + system) in clock ticks, from /proc; 0 without a pid.</summary>
    private static long GatewayTicks(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private sealed record Target(string Name, Uri Url, string Token, string Body);

    private sealed record PhaseResult(string Name, int Requests, int Errors, double Rate, double P50, double P90, double P99, double P999, double Max, double? GatewayCpuMicroseconds)
    {
        public static PhaseResult From(string name, double[] latencies, int errors, double rate, double? gatewayCpu)
        {
            var sorted = latencies.Order().ToArray();
            double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return new PhaseResult(name, sorted.Length, errors, rate, At(0.50), At(0.90), At(0.99), At(0.999), sorted[^1], gatewayCpu);
        }

        public string Line() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Requests} requests, {Errors} errors, p50 {P50:0.000} ms, p99 {P99:0.000} ms, max {Max:0.000} ms");

        public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Requests} | {Errors} | {Rate:0} | {P50:0.000} | {P90:0.000} | {P99:0.000} | {P999:0.000} | {Max:0.000} | {GatewayCpuMicroseconds:0} |");
    }
}
