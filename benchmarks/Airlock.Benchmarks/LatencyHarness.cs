using System.Diagnostics;
using System.Globalization;
using Airlock.Policy;

namespace Airlock.Benchmarks;

/// <summary>
/// Per-request latency of the in-process decision over the realistic mix: every request is timed on
/// its own, so the percentiles are of requests, not of batches. BenchmarkDotNet measures the mean of
/// tight loops; this answers "how long does one call wait".
/// </summary>
internal static class LatencyHarness
{
    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    public static void Run(int rounds)
    {
        var engine = new PolicyEngine(PolicyLoader.BuiltIn);
        var requests = RealisticMix.Requests;
        // Warm up for long enough that tiered compilation has finished (its call-counting delay is
        // 100 ms and methods are re-jitted after that): the numbers are of steady state, as in a server.
        var warmup = Stopwatch.StartNew();
        for (var i = 0; warmup.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            engine.Decide(requests[i % requests.Count]);
        }

        var samples = new double[rounds * requests.Count];
        var byCall = requests.Select(_ => new double[rounds]).ToArray();
        var n = 0;
        for (var round = 0; round < rounds; round++)
        {
            for (var r = 0; r < requests.Count; r++)
            {
                var start = Stopwatch.GetTimestamp();
                engine.Decide(requests[r]);
                samples[n++] = byCall[r][round] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        if (Environment.GetEnvironmentVariable("AIRLOCK_LATENCY_BY_CALL") is not null)
        {
            foreach (var (times, request) in byCall.Zip(requests).OrderByDescending(p => Median(p.First)).Take(12))
            {
                Console.WriteLine($"{Median(times),8:0.0} us  {request.Tool} {request.Input.GetRawText()[..Math.Min(90, request.Input.GetRawText().Length)]}");
            }
        }

        Array.Sort(samples);
        string P(double q) => samples[(int)Math.Min(samples.Length - 1, q * samples.Length)].ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine($"requests: {samples.Length} ({requests.Count} distinct calls x {rounds} rounds)");
        Console.WriteLine($"p50 {P(0.50)} us, p90 {P(0.90)} us, p99 {P(0.99)} us, max {samples[^1].ToString("0.0", CultureInfo.InvariantCulture)} us");
    }
}
