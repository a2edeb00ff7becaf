using Airlock.Wire;

namespace Airlock.Cli.Gateway;

/// <summary>
/// Reports what became of a call the gateway allowed (<c>POST /v1/executions</c>): run to the end
/// (<c>completed</c>), ended in failure (<c>failed</c>), or never started (<c>not_started</c>). Best
/// effort: the call has already run, so a failure is a warning on stderr and never changes what the
/// caller sees.
/// </summary>
internal static class ExecutionReporter
{
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string NotStarted = "not_started";

    public static void Report(GatewayClient gateway, ExecutionJson execution, TextWriter warnings)
    {
        try
        {
            gateway.ReportExecution(execution);
        }
        catch (GatewayClientException e)
        {
            warnings.WriteLine($"airlock: warning: the outcome of {execution.DecisionId} was not recorded: {e.Message}.");
        }
    }
}
