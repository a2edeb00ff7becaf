using System.CommandLine;
using System.Text.Json;
using Airlock.Wire;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock approvals list|show|approve|reject|cancel</c>: the approver's side, against the gateway
/// with an approver token. Nothing here reads an approval from an agent's channel: the gateway refuses
/// the requesting agent's token and any token of the same principal.
/// </summary>
internal static class ApprovalsCommand
{
    public static Command Create()
    {
        var command = new Command("approvals", "List, inspect and decide approval requests (needs an approver token).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Vote("approve", "Approve a request: when enough approvers have, the agent's identical retry runs once."));
        command.Subcommands.Add(Vote("reject", "Reject a pending request."));
        command.Subcommands.Add(Vote("cancel", "Cancel an approved request whose grant is unused (during the cooling-off delay, or after)."));
        return command;
    }

    private static Command List()
    {
        var connection = new GatewayConnectionOptions();
        var status = new Option<string>("--status") { Description = "pending (default), approved, consumed, rejected, expired, cancelled or all.", DefaultValueFactory = _ => "pending" };
        var command = new Command("list", "List approval requests, newest first.");
        connection.AddTo(command);
        command.Options.Add(status);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var approvals = client.Approvals(result.GetValue(status)!);
            if (result.GetValue(connection.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(approvals, WireJsonContext.Readable.ListApprovalJson));
                return 0;
            }

            if (approvals.Count == 0)
            {
                output.WriteLine($"No {result.GetValue(status)} approval requests.");
                return 0;
            }

            foreach (var approval in approvals)
            {
                output.WriteLine($"{approval.Id}  {approval.Status,-9} {Votes(approval),-5} {approval.Environment,-8} {approval.ReasonCode,-24} {approval.Agent}  {Shorten(Action(approval), 70)}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var connection = new GatewayConnectionOptions();
        var id = new Argument<string>("id") { Description = "The request's id (apr_…)." };
        var command = new Command("show", "Show a request in full: the action, what Airlock understood, who asks, the votes.");
        connection.AddTo(command);
        command.Arguments.Add(id);
        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            Print(output, client.Approval(result.GetValue(id)!), result.GetValue(connection.Json));
            return 0;
        }));
        return command;
    }

    private static Command Vote(string action, string description)
    {
        var connection = new GatewayConnectionOptions();
        var id = new Argument<string>("id") { Description = "The request's id (apr_…)." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record and the agent." };
        var confirm = new Option<string?>("--confirm") { Description = "The typed confirmation (the target's name) when the request asks for one." };
        var command = new Command(action, description);
        connection.AddTo(command);
        command.Arguments.Add(id);
        command.Options.Add(reason);
        if (action == "approve")
        {
            command.Options.Add(confirm);
        }

        command.SetAction(result => GatewayConnectionOptions.Run(result, output =>
        {
            using var client = connection.Connect(result);
            var vote = new VoteRequestJson { Reason = result.GetValue(reason), Confirm = action == "approve" ? result.GetValue(confirm) : null };
            var approval = client.Vote(result.GetValue(id)!, action, vote);
            if (result.GetValue(connection.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(approval, WireJsonContext.Readable.ApprovalJson));
                return 0;
            }

            output.WriteLine(approval.Status switch
            {
                "pending" => $"Approval recorded for {approval.Id}: {Votes(approval)} approvals; {approval.ApprovalsRequired - approval.Votes.Count(v => v.Vote == "approve")} more needed from other approvers.",
                "approved" when approval.GrantUsableAt > DateTimeOffset.UtcNow => $"Approved {approval.Id}. Cooling off until {approval.GrantUsableAt:u}: any approver can still cancel (airlock approvals cancel {approval.Id}). Then the agent's identical retry runs once, until {approval.GrantExpiresAt:u}.",
                "approved" => $"Approved {approval.Id}. The agent's identical retry runs once, until {approval.GrantExpiresAt:u}.",
                _ => $"{approval.Id} is now {approval.Status}.",
            });
            return 0;
        }));
        return command;
    }

    private static void Print(TextWriter output, ApprovalJson approval, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(approval, WireJsonContext.Readable.ApprovalJson));
            return;
        }

        output.WriteLine($"{approval.Id}: {approval.Status} ({Votes(approval)} approvals)");
        output.WriteLine($"  action:      {Action(approval)}");
        output.WriteLine($"  cwd:         {approval.Cwd ?? "(not given)"}");
        output.WriteLine($"  requested:   {approval.Agent} ({approval.Tenant}/{approval.Workspace}), session {approval.Session ?? "-"}, client {approval.Client ?? "-"}, at {approval.CreatedAt:u}");
        output.WriteLine($"  environment: {approval.Environment}");
        output.WriteLine($"  why:         {approval.ReasonCode} by {approval.Rule}");
        output.WriteLine($"  summary:     {approval.Summary}");
        foreach (var operation in approval.Operations)
        {
            output.WriteLine($"  operation:   {operation.Kind} on '{operation.Target}' ({operation.Reversibility}, {operation.BlastRadius}, {operation.Environment}) → {operation.Outcome}");
            output.WriteLine($"    evidence:  {operation.Evidence}");
        }

        if (approval.ConfirmText is not null)
        {
            output.WriteLine($"  confirm:     approvers must type: {approval.ConfirmText}");
        }

        if (approval.CoolingOffSeconds > 0)
        {
            output.WriteLine($"  cooling-off: {approval.CoolingOffSeconds:0} s after the last approval");
        }

        foreach (var vote in approval.Votes)
        {
            output.WriteLine($"  {vote.Vote,-11}  {vote.Approver} at {vote.At:u}" + (vote.Reason is null ? "" : $": {vote.Reason}"));
        }

        output.WriteLine($"  expires:     {approval.ExpiresAt:u}");
        if (approval.GrantUsableAt is { } usable)
        {
            output.WriteLine($"  grant:       usable {usable:u} until {approval.GrantExpiresAt:u}" + (approval.GrantConsumedAt is { } consumed ? $", consumed {consumed:u}" : ", unused"));
        }
    }

    private static string Votes(ApprovalJson approval) => $"{approval.Votes.Count(v => v.Vote == "approve")}/{approval.ApprovalsRequired}";

    private static string Action(ApprovalJson approval) => approval.Command ?? $"{approval.Tool} {approval.Input.GetRawText()}";

    private static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
