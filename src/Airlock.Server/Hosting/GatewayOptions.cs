namespace Airlock.Server.Hosting;

/// <summary>How <c>airlock serve</c> runs: where it listens, where its state lives, which policy and configuration it reads.</summary>
public sealed record GatewayOptions
{
    public const string DefaultListen = "127.0.0.1:8750";

    /// <summary><c>HOST:PORT</c> or a URL; port 0 picks a free port (the bound address is printed).</summary>
    public string Listen { get; init; } = DefaultListen;

    public string DataDirectory { get; init; } = DefaultDataDirectory();

    /// <summary>The policy file; null: <c>AIRLOCK_POLICY</c>, the user's policy, or the built-in one.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>The server configuration (public URL, webhooks); null: <c>config.yaml</c> in the data folder, if present.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>How often expired requests and grants are marked, and old idempotency keys removed.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Idempotency keys are kept at least this long (payment APIs keep them 24 hours).</summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromHours(24);

    public bool JsonLogs { get; init; }

    public string DatabasePath => Path.Combine(DataDirectory, "airlock.db");

    /// <summary><c>AIRLOCK_DATA_DIR</c>, else the user's local data folder (<c>~/.local/share/airlock</c> on Linux).</summary>
    public static string DefaultDataDirectory() =>
        Environment.GetEnvironmentVariable("AIRLOCK_DATA_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "airlock");
}
