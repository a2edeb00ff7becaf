using Airlock.Server.Executions;
using Airlock.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Airlock.Server.Proxy;

/// <summary>The proxy's services in the gateway's container.</summary>
internal static class ProxyServices
{
    public static void Add(IServiceCollection services, GatewayOptions options, GatewayConfig config)
    {
        var box = new SecretBox(options.DataDirectory);
        if (config.ProxyRoutes.Count > 0)
        {
            // A key file others can read, or a damaged one, stops the gateway at start rather than at the first request.
            box.EnsureKey();
        }

        services.AddSingleton(box);
        services.AddSingleton<ProxyCredentials>();
        services.AddSingleton<ProxyIdempotency>();
        services.AddSingleton(_ => new ProxyForwarder(ProxyForwarder.CreateHandler()));
        services.AddSingleton<ProxyHandler>();
        services.AddSingleton<StoreExecutionRecorder>();
        services.AddSingleton<IExecutionRecorder>(provider => provider.GetRequiredService<StoreExecutionRecorder>());
        services.AddHostedService(provider => provider.GetRequiredService<StoreExecutionRecorder>());
        services.AddHostedService<ProxyMaintenance>();
    }
}
