using System.Security.Cryptography;
using Airlock.Policy;
using Airlock.Server.Approvals;
using Airlock.Server.Audit;
using Airlock.Server.Auth;
using Airlock.Server.Dashboard;
using Airlock.Server.Decisions;
using Airlock.Server.Http;
using Airlock.Server.Logging;
using Airlock.Server.Notifications;
using Airlock.Server.Proxy;
using Airlock.Server.Store;
using Airlock.Server.Store.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Airlock.Server.Hosting;

/// <summary>
/// <c>airlock serve</c>: builds the gateway — store, policy, services, endpoints — as one ASP.NET Core
/// application. Starting it creates the data folder and the database if needed; no other setup.
/// </summary>
public static class GatewayApplication
{
    /// <summary>Builds the gateway; the caller starts it and reads <see cref="BoundAddress"/>.</summary>
    public static WebApplication Build(GatewayOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var policy = PolicySources.Resolve(options.PolicyPath, cwd: null);
        var config = GatewayConfig.Load(options.ConfigPath ?? Path.Combine(options.DataDirectory, "config.yaml"));
        var store = new AuditedGatewayStore(new SqliteGatewayStore(options.DatabasePath), time);
        store.Initialize();
        var fingerprintKey = Convert.FromHexString(store.WriteAsync(tx => tx.SettingOrAdd("fingerprint_key", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), CancellationToken.None).GetAwaiter().GetResult());

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "Airlock" });
        builder.WebHost.UseUrls(ListenUrl(options.Listen));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton<IGatewayStore>(store);
        services.AddSingleton(store.Feed);
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton(policy);
        services.AddSingleton(new PolicyEngine(policy, time));
        services.AddSingleton(config);
        services.AddSingleton(provider => new ApprovalViews(() => config.PublicUrl ?? BoundAddress(provider.GetRequiredService<IServer>()) ?? ListenUrl(options.Listen)));
        services.AddSingleton<TokenService>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<DecisionRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<DecisionRecorder>());
        // Not IHttpClientFactory: its request logging writes full URLs, and a Slack webhook's path is its credential.
        services.AddSingleton(provider => new WebhookNotifier(config.Webhooks, WebhookNotifier.CreateHttpClient(), provider.GetRequiredService<ILogger<WebhookNotifier>>(), time));
        services.AddSingleton<IGatewayEvents>(provider => provider.GetRequiredService<WebhookNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<WebhookNotifier>());
        services.AddSingleton<ApprovalService>();
        services.AddSingleton(provider => new DecideService(
            store,
            provider.GetRequiredService<PolicyEngine>,
            provider.GetRequiredService<DecisionRecorder>(),
            provider.GetRequiredService<ApprovalViews>(),
            provider.GetRequiredService<IGatewayEvents>(),
            fingerprintKey,
            time,
            provider.GetRequiredService<ILogger<DecideService>>()));
        services.AddHostedService<ExpirySweeper>();
        services.AddSingleton(config.Audit);
        services.AddSingleton(new AuditKeys(store, options.DataDirectory, time));
        services.AddSingleton<AuditCheckpointer>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditCheckpointer>());
        services.AddSingleton<AuditExporter>();
        if (config.Audit.SplunkHec is { } splunk)
        {
            services.AddHostedService(provider => new SplunkHecForwarder(
                store, provider.GetRequiredService<AuditCheckpointer>(), splunk, WebhookNotifier.CreateHttpClient(), time, provider.GetRequiredService<ILogger<SplunkHecForwarder>>()));
        }
        ProxyServices.Add(services, options, config);

        var app = builder.Build();
        OpenAuditLog(app, store, policy);
        app.Use(HandleErrorsAsync);
        MapEndpoints(app);
        app.Lifetime.ApplicationStopped.Register(store.Dispose);
        app.Lifetime.ApplicationStarted.Register(() =>
            GatewayLog.Started(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Airlock.Gateway"), BoundAddress(app) ?? options.Listen, options.DataDirectory, policy.Source));
        return app;
    }

    /// <summary>Loads the audit log, signs its first checkpoint and records the policy in force, before any request is served.</summary>
    private static void OpenAuditLog(WebApplication app, IGatewayStore store, AirlockPolicy policy)
    {
        var checkpointer = app.Services.GetRequiredService<AuditCheckpointer>();
        store.WriteAsync(tx => tx.NotePolicy(policy.Source, policy.ContentSha256), CancellationToken.None).GetAwaiter().GetResult();
        checkpointer.StartLogAsync(CancellationToken.None).GetAwaiter().GetResult();
        var latest = store.ReadAsync(r => r.LatestCheckpoint(), CancellationToken.None).GetAwaiter().GetResult()!;
        AuditLog.Opened(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Airlock.Audit"), checkpointer.Origin, latest.Size, latest.KeyFingerprint);
    }

    /// <summary>The address Kestrel bound (with the real port when asked for port 0).</summary>
    public static string? BoundAddress(WebApplication app) => BoundAddress(app.Services.GetRequiredService<IServer>());

    private static string? BoundAddress(IServer server) => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal));

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/healthz", async (IGatewayStore store, CancellationToken ct) =>
        {
            await store.ReadAsync(r => r.Setting("schema_version"), ct).ConfigureAwait(false);
            return Results.Text("""{"status":"ok"}""", "application/json");
        });
        app.MapPost("/v1/decide", DecideEndpoint.HandleAsync);
        app.MapGet("/v1/approvals", ApprovalEndpoints.ListAsync);
        app.MapGet("/v1/approvals/{id}", ApprovalEndpoints.GetAsync);
        app.MapPost("/v1/approvals/{id}/approve", ApprovalEndpoints.ApproveAsync);
        app.MapPost("/v1/approvals/{id}/reject", ApprovalEndpoints.RejectAsync);
        app.MapPost("/v1/approvals/{id}/cancel", ApprovalEndpoints.CancelAsync);
        app.MapPost("/v1/tokens", TokenEndpoints.CreateAsync);
        app.MapGet("/v1/tokens", TokenEndpoints.ListAsync);
        app.MapDelete("/v1/tokens/{id}", TokenEndpoints.RevokeAsync);
        app.MapPost("/v1/executions", ExecutionEndpoint.HandleAsync);
        app.MapGet("/v1/audit/records", AuditEndpoints.RecordsAsync);
        app.MapGet("/v1/audit/checkpoint", AuditEndpoints.CheckpointAsync);
        app.MapGet("/v1/audit/keys", AuditEndpoints.KeysAsync);
        app.MapGet("/v1/audit/export", AuditEndpoints.ExportAsync);
        app.MapGet("/v1/audit/status", AuditEndpoints.StatusAsync);
        app.MapGet("/v1/audit/verify", AuditEndpoints.VerifyAsync);
        app.MapGet("/v1/policy", PolicyEndpoint.GetAsync);
        app.MapGet("/v1/events", EventStreamEndpoint.StreamAsync);
        app.MapPost("/v1/session", DashboardAuth.SignInAsync);
        app.MapGet("/v1/session", DashboardAuth.CurrentAsync);
        app.MapDelete("/v1/session", DashboardAuth.SignOutAsync);
        app.MapGet("/", () => Results.Redirect(DashboardAssets.Prefix));
        app.MapGet("/dashboard/{**path}", (HttpContext context, string? path) => DashboardAssets.Serve(context, path));
        ProxyEndpoints.Map(app);
    }

    /// <summary>Every failure is a JSON error with a stable code; an unexpected one is a 500 that names no secret.</summary>
    private static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Airlock.Gateway");
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (GatewayException e)
        {
            GatewayLog.Refused(logger, context.Request.Method, context.Request.Path, e.Status, e.Code);
            await GatewayHttp.Error(e.Status, e.Code, e.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
#pragma warning disable CA1031 // Fail closed: the client gets an error (hooks then refuse), never a partial answer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GatewayLog.Failed(logger, context.Request.Method, context.Request.Path, e.GetType().Name, e);
            if (!context.Response.HasStarted)
            {
                await GatewayHttp.Error(500, "internal_error", "The gateway failed while handling this request; the call is refused.").ExecuteAsync(context).ConfigureAwait(false);
            }
        }
    }

    private static string ListenUrl(string listen) =>
        listen.Contains("://", StringComparison.Ordinal) ? listen : "http://" + (listen.StartsWith(':') ? "127.0.0.1" + listen : listen);
}
