using System.Diagnostics;
using System.Text;

namespace Airlock.Cli.Tests;

/// <summary>Runs the real <c>airlock</c> executable as a child process, the way an agent's hook runner does.</summary>
internal static class AirlockProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "airlock.dll");

    public static ProcessResult Run(IEnumerable<string> args, string? stdin = null, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = StartInfo(args, environment);
        start.RedirectStandardInput = true;
        start.WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"airlock {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s");
        }

        return new ProcessResult(stdout.Result, stderr.Result, process.ExitCode);
    }

    /// <summary>Runs <c>airlock ARGS</c> with stdin, stdout and stderr as raw bytes, for what must pass through unchanged.</summary>
    public static RawProcessResult RunRaw(IEnumerable<string> args, byte[]? stdin = null, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = StartInfo(args, environment);
        start.RedirectStandardInput = true;
        start.WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory;
        using var process = Process.Start(start)!;
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderr = ReadAllAsync(process.StandardError.BaseStream);
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"airlock {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s");
        }

        return new RawProcessResult(stdout.Result, stderr.Result, process.ExitCode);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>How to start <c>airlock ARGS</c> with output captured, away from the developer's own Airlock configuration.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("AIRLOCK_POLICY");
        start.Environment["AIRLOCK_CONFIG_DIR"] = Path.Combine(Path.GetTempPath(), "airlock-tests-no-config");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }
}

internal sealed record ProcessResult(string Stdout, string Stderr, int ExitCode);

internal sealed record RawProcessResult(byte[] Stdout, byte[] Stderr, int ExitCode)
{
    public string StderrText => Encoding.UTF8.GetString(Stderr);
}
