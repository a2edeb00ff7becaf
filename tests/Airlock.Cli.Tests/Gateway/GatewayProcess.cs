using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Airlock.Cli.Tests.Gateway;

/// <summary>
/// A real <c>airlock serve</c> as a child process on a loopback port picked by the OS, with its own
/// data folder: started, killed (SIGKILL, as a crash) and restarted on the same data.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly List<string> _extraArgs;
    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(string dataDirectory, IEnumerable<string> extraArgs, IDictionary<string, string>? environment)
    {
        DataDirectory = dataDirectory;
        _extraArgs = [.. extraArgs];
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
    }

    public string DataDirectory { get; }

    public Uri Url { get; private set; } = null!;

    /// <summary>The first admin token, printed by the first start.</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Everything the server wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a gateway on a fresh data folder; <paramref name="policy"/> is policy YAML written to a file it reads.</summary>
    public static GatewayProcess Start(string? policy = null, string? config = null, IDictionary<string, string>? environment = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "airlock-gateway-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var args = new List<string>();
        if (policy is not null)
        {
            File.WriteAllText(Path.Combine(data, "policy.yaml"), policy);
            args.AddRange(["--policy", Path.Combine(data, "policy.yaml")]);
        }

        if (config is not null)
        {
            File.WriteAllText(Path.Combine(data, "config.yaml"), config);
        }

        var gateway = new GatewayProcess(data, args, environment);
        gateway.Launch();
        return gateway;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Starts again on the same data folder (after <see cref="Kill"/>).</summary>
    public void Restart()
    {
        Kill();
        Launch();
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a token through the admin API and returns its value.</summary>
    public string CreateToken(string role, string name, params string[] scope)
    {
        using var admin = Client(AdminToken);
        var body = new JsonObject { ["role"] = role, ["name"] = name, ["scope"] = new JsonArray([.. scope.Select(s => JsonValue.Create(s))]) };
        using var response = admin.PostAsync("v1/tokens", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["token"]!.GetValue<string>();
    }

    /// <summary>The environment a hook needs to talk to this gateway with an agent token.</summary>
    public Dictionary<string, string> HookEnvironment(string agentToken) => new() { ["AIRLOCK_SERVER"] = Url.ToString(), ["AIRLOCK_TOKEN"] = agentToken };

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Launch()
    {
        var start = AirlockProcess.StartInfo(["serve", "--listen", "127.0.0.1:0", "--data", DataDirectory, .. _extraArgs], _environment);

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("airlock serve exited before listening:\n" + Output));
                return;
            }

            Append(e.Data);
            lines.Add(e.Data);
            if (e.Data.StartsWith("alk_admin_", StringComparison.Ordinal))
            {
                AdminToken = e.Data.Trim();
            }

            const string Marker = "Airlock gateway listening on ";
            if (e.Data.StartsWith(Marker, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(e.Data[Marker.Length..].Trim() + "/"));
            }
        };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(StartLimit))
        {
            Kill();
            throw new TimeoutException("airlock serve did not start listening:\n" + Output);
        }

        Url = listening.Task.Result;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
