using Airlock.Analysis;
using Airlock.Model;

namespace Airlock.Policy;

/// <summary>
/// Turns a tool call into a decision: analyze it, give each operation the outcome of the first rule
/// that matches (or of the tier matrix), apply freezes and the project's tightening rules, and take
/// the strictest outcome. It never throws: any failure is a deny with <c>internal_error</c>.
/// </summary>
public sealed class PolicyEngine
{
    private readonly AirlockPolicy _policy;
    private readonly ActionAnalyzer _analyzer;
    private readonly TimeProvider _time;

    public PolicyEngine(AirlockPolicy policy, TimeProvider? time = null)
    {
        _policy = policy;
        _analyzer = new ActionAnalyzer(policy.Catalog);
        _time = time ?? TimeProvider.System;
    }

    public AirlockPolicy Policy => _policy;

    /// <summary>Decides a call; <paramref name="trace"/> keeps the analysis steps for <c>airlock explain</c>.</summary>
    public Decision Decide(ActionRequest request, bool trace = false)
    {
        try
        {
            return Decide(_analyzer.Analyze(request, trace));
        }
#pragma warning disable CA1031 // Fail closed: whatever went wrong, the call is refused, never let through.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return InternalError(e);
        }
    }

    public Decision Decide(ActionAnalysis analysis)
    {
        var command = ActionAnalyzer.IsShellTool(analysis.Request.Tool) ? ActionAnalyzer.ShellCommandOf(analysis.Request.Input) : null;
        var decided = analysis.Operations.Select(op => DecideOperation(op, analysis.Request, command)).ToList();
        if (decided.Count == 0)
        {
            return new Decision
            {
                Outcome = Outcome.Allow,
                ReasonCode = ReasonCodes.ReadOnly,
                Rule = "no operations",
                AgentMessage = "",
                HumanMessage = "The call has no effect Airlock recognizes as a change.",
                Trace = analysis.Trace,
            };
        }

        var strictest = decided.MaxBy(d => d.Outcome)!;
        return new Decision
        {
            Outcome = strictest.Outcome,
            ReasonCode = strictest.ReasonCode,
            Rule = strictest.Rule,
            Operations = decided,
            AgentMessage = DecisionMessages.ForAgent(strictest),
            HumanMessage = DecisionMessages.ForHuman(strictest, decided.Count),
            Trace = analysis.Trace.Count == 0 ? [] : [.. analysis.Trace, .. decided.Select(d => $"{d.Operation.Kind} → {Configuration.EnumNames.Of(d.Outcome)} by {d.Rule} ({d.ReasonCode})")],
            Approval = strictest.Outcome == Outcome.Approve
                ? decided.Where(d => d.Outcome == Outcome.Approve).Select(d => d.Approval ?? _policy.ApprovalDefaults).Aggregate((a, b) => a.Combine(b))
                : null,
        };
    }

    /// <summary>
    /// True when the policy denies every call of this tool whatever its input: a deny rule that names
    /// the tool and nothing else (<c>blocked_tools</c>) is reached before any rule that could give an
    /// operation of this tool another outcome. Used to hide such tools from a tool list; each call is
    /// still decided on its own.
    /// </summary>
    public bool DeniesTool(string tool)
    {
        foreach (var rule in _policy.Rules)
        {
            if (rule.Tools.Count > 0 && !AnyGlob(rule.Tools, tool, ignoreCase: true))
            {
                continue;
            }

            if (rule.Outcome == Outcome.Deny && rule.Tools.Count > 0 && NamesOnlyTheTool(rule))
            {
                return true;
            }

            if (rule.Outcome != Outcome.Deny)
            {
                // This rule may decide some operation of the tool otherwise.
                break;
            }
        }

        return _policy.TighteningRules.Any(r => r.Outcome == Outcome.Deny && r.Tools.Count > 0 && NamesOnlyTheTool(r) && AnyGlob(r.Tools, tool, ignoreCase: true));
    }

    private static bool NamesOnlyTheTool(PolicyRule rule) =>
        rule.Kinds.Count == 0 && rule.Verbs.Count == 0 && rule.Programs.Count == 0 && rule.Targets.Count == 0 && rule.Commands.Count == 0
        && rule.Environments.Count == 0 && rule.Radii.Count == 0 && rule.Reversibility is null && rule.Protected is null;

    private OperationDecision DecideOperation(Operation operation, ActionRequest request, string? command)
    {
        var isProtected = IsProtected(operation);
        if (MarksProduction(operation) && operation.Environment != DeploymentEnvironment.Prod)
        {
            operation = operation with { Environment = DeploymentEnvironment.Prod, EnvironmentEvidence = "a target the policy marks as production" };
        }

        var rule = _policy.Rules.FirstOrDefault(r => Matches(r, operation, request, command, isProtected));
        var decision = rule is not null
            ? new OperationDecision(operation, rule.Outcome, rule.ReasonCode ?? ReasonCodes.PolicyRule, Describe(rule)) { Approval = Requirement(rule) }
            : _policy.Tiers.FirstOrDefault(t => Matches(t, operation, request, command, isProtected)) is { } tier
                ? new OperationDecision(operation, tier.Outcome, tier.ReasonCode ?? ReasonCodes.PolicyRule, Describe(tier)) { Approval = Requirement(tier) }
                : new OperationDecision(operation, Outcome.Ask, ReasonCodes.NoTier, "no tier");

        decision = ApplyFreezes(decision);
        foreach (var tightening in _policy.TighteningRules.Where(r => Matches(r, operation, request, command, isProtected)))
        {
            if (tightening.Outcome > decision.Outcome)
            {
                decision = new OperationDecision(operation, tightening.Outcome, tightening.ReasonCode ?? ReasonCodes.ProjectPolicy, Describe(tightening)) { Approval = Requirement(tightening) };
            }
        }

        return decision;
    }

    private OperationDecision ApplyFreezes(OperationDecision decision)
    {
        var operation = decision.Operation;
        if (operation.Verb is Verb.Read or Verb.Execute || operation.BlastRadius < BlastRadius.Remote)
        {
            return decision;
        }

        var now = _time.GetUtcNow();
        var freeze = _policy.Freezes.FirstOrDefault(f => f.From <= now && now < f.Until && f.Outcome > decision.Outcome);
        return freeze is null
            ? decision
            : decision with { Outcome = freeze.Outcome, ReasonCode = ReasonCodes.ChangeFreeze, Rule = $"freeze until {freeze.Until:u}: {freeze.Reason}", Approval = null };
    }

    private bool IsProtected(Operation operation)
    {
        if (!operation.Kind.StartsWith("git.push", StringComparison.Ordinal))
        {
            return false;
        }

        // The target is REMOTE/BRANCH, and a remote can hold slashes (git@host:org/repo.git): every
        // suffix after a slash is a candidate branch. One that cannot be told (HEAD, every branch) is protected.
        var target = operation.Target;
        for (var slash = target.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = target.IndexOf('/', slash + 1))
        {
            var branch = target[(slash + 1)..];
            if (branch is "HEAD" or "*" || _policy.Protected.Branches.Any(b => Glob.Match(b, branch)))
            {
                return true;
            }
        }

        return false;
    }

    private bool MarksProduction(Operation operation) =>
        operation.BlastRadius >= BlastRadius.Remote && _policy.Protected.Production.Any(p =>
            Glob.Match(p, operation.Target, ignoreCase: true) || (operation.EnvironmentEvidence is { } evidence && Glob.Match(p, evidence, ignoreCase: true)));

    internal static bool Matches(PolicyRule rule, Operation operation, ActionRequest request, string? command, bool isProtected)
    {
        // Cheap enum checks first: this runs for every rule and every operation of every call.
        return (rule.Verbs.Count == 0 || Contains(rule.Verbs, operation.Verb))
            && (rule.Radii.Count == 0 || Contains(rule.Radii, operation.BlastRadius))
            && (rule.Environments.Count == 0 || Contains(rule.Environments, operation.Environment))
            && (rule.Reversibility is null || rule.Reversibility == operation.Reversibility)
            && (rule.Protected is null || rule.Protected == isProtected)
            && AnyGlob(rule.Kinds, operation.Kind, ignoreCase: false)
            && AnyGlob(rule.Tools, request.Tool, ignoreCase: true)
            && (rule.Programs.Count == 0 || (operation.Tool is { } program && AnyGlob(rule.Programs, program, ignoreCase: true)))
            && AnyGlob(rule.Targets, operation.Target, ignoreCase: false)
            && (rule.Commands.Count == 0 || (command is not null && AnyGlob(rule.Commands, command.Trim(), ignoreCase: false)));
    }

    private static bool Contains<T>(IReadOnlyList<T> values, T value) where T : struct, Enum
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(values[i], value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when there are no globs, or one of them matches.</summary>
    private static bool AnyGlob(IReadOnlyList<string> globs, string text, bool ignoreCase)
    {
        if (globs.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < globs.Count; i++)
        {
            if (Glob.Match(globs[i], text, ignoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private ApprovalRequirement? Requirement(PolicyRule rule) =>
        rule.Outcome == Outcome.Approve ? rule.Approval?.ApplyTo(_policy.ApprovalDefaults) ?? _policy.ApprovalDefaults : null;

    private static string Describe(PolicyRule rule) => $"{rule.Id} ({rule.Source}:{rule.Line})";

    private static Decision InternalError(Exception e) => new()
    {
        Outcome = Outcome.Deny,
        ReasonCode = ReasonCodes.InternalError,
        Rule = "internal error",
        AgentMessage = "Airlock could not evaluate this call and refused it. Do not retry it in another form; tell the user Airlock failed so they can check it.",
        HumanMessage = $"Airlock failed while deciding ({e.GetType().Name}); the call was refused.",
    };
}
