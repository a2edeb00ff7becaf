using Airlock.Benchmarks;
using BenchmarkDotNet.Running;

// `latency [ROUNDS]` runs the per-request percentile harness; anything else goes to BenchmarkDotNet.
if (args is ["latency", ..])
{
    LatencyHarness.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(DecideBenchmarks).Assembly).Run(args);
