using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Airlock.Cli.Commands;
using Airlock.Cli.Gateway;
using Airlock.Cli.Output;
using Airlock.Cli.Processes;
using Airlock.Model;
using Airlock.Policy;
using Airlock.Wire;

namespace Airlock.Cli.Exec;

/// <summary>
/// <c>airlock exec</c>: decide the command, then run it only when allowed — with stdin, stdout and
/// stderr inherited (never captured, so binary output and terminals pass through unchanged), signals
/// passed on, and its exit code passed through. Airlock writes only to stderr, and on allow writes
/// nothing unless an approval was used. An approval is never read from stdin, which belongs to the
/// command: a human approves through the gateway, and exec polls for it.
/// </summary>
internal sealed class ExecRunner(ExecTarget target, string cwd, CallDecider decider, TextWriter error)
{
    public ActionRequest Request => ActionRequest.ForShell(target.Script, cwd) with { Client = "exec" };

    public int Run(TimeSpan wait)
    {
        var request = Request;
        var verdict = decider.Decide(request);
        if (verdict.PendingApproval is { } approval)
        {
            error.WriteLine($"airlock: this command needs a human's approval ({verdict.Answer.ReasonCode}): {verdict.Answer.HumanMessage}");
            error.WriteLine($"airlock: approval request {approval.Id}; an approver runs: {approval.ApproveCommand ?? $"airlock approvals approve {approval.Id}"}");
            if (wait > TimeSpan.Zero)
            {
                error.WriteLine($"airlock: waiting up to {wait.TotalSeconds:0} s for the approval…");
                verdict = decider.Wait(request, verdict, wait);
            }
        }

        if (verdict.Outcome != Outcome.Allow)
        {
            Refuse(verdict);
            return ExecExitCodes.Of(verdict);
        }

        if (verdict.Answer.ReasonCode == ReasonCodes.ApprovalGranted)
        {
            error.WriteLine($"airlock: approved ({verdict.Answer.HumanMessage}); running it once.");
        }

        var (exitCode, report) = Start();
        if (verdict.ByGateway && verdict.Answer.DecisionId is { } decisionId && decider.Gateway is { } gateway)
        {
            ExecutionReporter.Report(gateway, report with { DecisionId = decisionId }, error);
        }

        return exitCode;
    }

    /// <summary>Prints what would run and the local policy's decision; runs nothing.</summary>
    public int Plan(TextWriter output, bool json, string? gateway)
    {
        var decision = decider.Local(Request);
        var verdict = CallVerdict.Local(decision);
        var exitCode = ExecExitCodes.Of(verdict);
        var decidedBy = gateway is null ? "local policy" : $"local policy (the gateway at {gateway} decides when the command runs)";
        if (json)
        {
            var plan = new ExecPlanJson
            {
                Program = target.Program,
                Arguments = target.Arguments,
                Shell = target.ViaShell,
                Analyzed = target.Script,
                Cwd = cwd,
                DecidedBy = decidedBy,
                Decision = verdict.Answer,
                ExitCode = exitCode,
            };
            output.WriteLine(JsonSerializer.Serialize(plan, CliJsonContext.Readable.ExecPlanJson));
            return exitCode;
        }

        output.WriteLine(target.Program is null
            ? $"Would run: nothing — '{target.Words[0]}' is not found (exit code {ExecExitCodes.NotFound})"
            : $"Would run: {target.Display}  ({(target.ViaShell ? "one command line, run by a shell" : "directly, no shell")})");
        output.WriteLine($"Analyzed:  {target.Script}");
        output.Write($"Decided by the {decidedBy}: ");
        DecisionText.Write(decision, output);
        return exitCode;
    }

    private (int ExitCode, ExecutionJson Report) Start()
    {
        if (target.Program is null)
        {
            error.WriteLine($"airlock: {target.Words[0]}: command not found");
            return (ExecExitCodes.NotFound, Report(ExecutionReporter.NotStarted, null, 0));
        }

        var start = new ProcessStartInfo(target.Program) { UseShellExecute = false, WorkingDirectory = cwd };
        foreach (var argument in target.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var signals = new SignalForwarder();
        var clock = Stopwatch.StartNew();
        Process child;
        try
        {
            child = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            error.WriteLine($"airlock: {target.Program}: cannot run it ({e.Message})");
            return (ExecExitCodes.CannotRun, Report(ExecutionReporter.NotStarted, null, clock.ElapsedMilliseconds));
        }

        using (child)
        {
            signals.Attach(child);
            child.WaitForExit();
            var exitCode = child.ExitCode;
            return (exitCode, Report(exitCode == 0 ? ExecutionReporter.Completed : ExecutionReporter.Failed, exitCode, clock.ElapsedMilliseconds));
        }
    }

    private static ExecutionJson Report(string status, int? exitCode, long durationMs) =>
        new() { DecisionId = "", Status = status, ExitCode = exitCode, DurationMs = durationMs };

    private void Refuse(CallVerdict verdict)
    {
        var answer = verdict.Answer;
        switch (verdict.Outcome)
        {
            case Outcome.Ask:
                error.WriteLine($"airlock: not run: this command needs a person's confirmation ({answer.ReasonCode}): {answer.HumanMessage}");
                error.WriteLine("airlock: exec cannot ask for it (its input belongs to the command); if it is intended, a person runs it directly.");
                break;
            case Outcome.Approve when verdict.PendingApproval is { } approval:
                error.WriteLine($"airlock: not run: approval request {approval.Id} is still pending; once a human approves it, run exactly the same command again (or wait for it with --wait SECONDS).");
                break;
            case Outcome.Approve:
                error.WriteLine($"airlock: not run: this command needs a human's out-of-band approval ({answer.ReasonCode}): {answer.HumanMessage}");
                error.WriteLine("airlock: no Airlock gateway is configured to collect it (set AIRLOCK_SERVER and AIRLOCK_TOKEN), so it is refused.");
                break;
            default:
                error.WriteLine($"airlock: not run: refused ({answer.ReasonCode}): {answer.HumanMessage}");
                if (!string.IsNullOrEmpty(answer.AgentMessage) && answer.AgentMessage != answer.HumanMessage)
                {
                    error.WriteLine($"airlock: {answer.AgentMessage}");
                }

                break;
        }
    }
}
