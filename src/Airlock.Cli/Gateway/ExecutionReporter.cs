namespace Airlock.Cli.Gateway;

/// <summary>
/// Reports what became of a call the gateway allowed. Best effort: the call has already run, so a
/// failure is a warning on stderr and never changes what the caller sees.
/// </summary>
internal static class ExecutionReporter
{
    public static void Report(GatewayClient gateway, ExecutionReportJson report, TextWriter warnings)
    {
        try
        {
            gateway.ReportExecution(report);
        }
        catch (GatewayClientException e)
        {
            warnings.WriteLine($"airlock: warning: the outcome of {report.DecisionId} was not recorded: {e.Message}.");
        }
    }
}
