namespace Airlock.Server.Notifications;

/// <summary>Where the gateway publishes events once the state change that caused them is committed.</summary>
internal interface IGatewayEvents
{
    /// <summary>Queues the event for delivery; never blocks the request and never throws.</summary>
    void Publish(GatewayEvent gatewayEvent);
}
