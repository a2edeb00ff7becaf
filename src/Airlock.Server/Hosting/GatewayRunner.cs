using Airlock.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Airlock.Server.Hosting;

/// <summary>Starts the gateway for <c>airlock serve</c>, printing what a person (or a test) needs: the address and, once, the first admin token.</summary>
public static class GatewayRunner
{
    public static async Task<int> InitializeAsync(GatewayOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var app = GatewayApplication.Build(options);
        await PrintAdminTokenAsync(app, options, output, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> RunAsync(GatewayOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var app = GatewayApplication.Build(options);
        await PrintAdminTokenAsync(app, options, output, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Airlock gateway listening on {GatewayApplication.BoundAddress(app)}");
        output.WriteLine($"Approvers' dashboard: {GatewayApplication.BoundAddress(app)}{Dashboard.DashboardAssets.Prefix}");
        output.Flush();
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task PrintAdminTokenAsync(WebApplication app, GatewayOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var admin = await app.Services.GetRequiredService<TokenService>().BootstrapAdminAsync(cancellationToken).ConfigureAwait(false);
        if (admin is null)
        {
            output.WriteLine($"Airlock gateway data in {options.DataDirectory} (already initialized).");
            return;
        }

        // Printed to the terminal once, never to the log: only its hash is stored.
        output.WriteLine($"Created the gateway's data in {options.DataDirectory}.");
        output.WriteLine("First admin token (shown once; store it now, e.g. in a password manager):");
        output.WriteLine(admin);
        output.Flush();
    }
}
