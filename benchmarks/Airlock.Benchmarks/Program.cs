using Airlock.Benchmarks;
using BenchmarkDotNet.Running;

// `latency [ROUNDS]` runs the per-request percentile harness; `proxy-load …` the proxy's overhead at a
// fixed rate (benchmarks/proxy-load.sh); anything else goes to BenchmarkDotNet.
if (args is ["proxy-load", ..])
{
    Environment.ExitCode = await ProxyLoad.RunAsync(args);
    return;
}

if (args is ["floor-proxy", ..])
{
    await FloorProxy.RunAsync(args);
    return;
}

if (args is ["latency", ..])
{
    LatencyHarness.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(DecideBenchmarks).Assembly).Run(args);
