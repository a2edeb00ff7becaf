using Airlock.Model;
using Airlock.Policy;
using Airlock.Wire;

namespace Airlock.Cli.Gateway;

/// <summary>
/// Decides calls the way the hook does, for adapters that run the call themselves: with the gateway
/// when one is configured, else with the local policy. If the gateway cannot be reached or answers an
/// error, the local policy decides and an approve becomes a deny (<c>approval_unavailable</c>); it never
/// falls open. The local policy is only loaded when it is needed.
/// </summary>
internal sealed class CallDecider(Func<ActionRequest, Decision> local, GatewayClient? gateway)
{
    public GatewayClient? Gateway => gateway;

    /// <summary>The local policy's decision, whether or not a gateway is configured.</summary>
    public Decision Local(ActionRequest request) => local(request);

    public CallVerdict Decide(ActionRequest request)
    {
        if (gateway is null)
        {
            return CallVerdict.Local(local(request));
        }

        try
        {
            return new CallVerdict(gateway.Decide(Body(request)), ByGateway: true);
        }
        catch (GatewayClientException e)
        {
            return CallVerdict.Local(ApprovalPoller.Unreachable(local(request), e.Message));
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for a human to decide the pending request, then answers as <see cref="Decide"/> does.</summary>
    public CallVerdict Wait(ActionRequest request, CallVerdict pending, TimeSpan wait)
    {
        if (gateway is null || pending.PendingApproval is null || wait <= TimeSpan.Zero)
        {
            return pending;
        }

        try
        {
            return new CallVerdict(ApprovalPoller.Wait(gateway, Body(request), pending.Answer, wait), ByGateway: true);
        }
        catch (GatewayClientException e)
        {
            return CallVerdict.Local(ApprovalPoller.Unreachable(local(request), e.Message));
        }
    }

    private static DecideRequestJson Body(ActionRequest request) =>
        new() { Tool = request.Tool, Input = request.Input, Cwd = request.Cwd, Session = request.Subject.Session, Client = request.Client };
}
