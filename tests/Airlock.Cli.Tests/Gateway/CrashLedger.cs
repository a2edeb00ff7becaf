namespace Airlock.Cli.Tests.Gateway;

/// <summary>
/// What the crash test's clients were told, across every kill and restart. An answer the gateway sent
/// is a promise about committed state; a request whose connection died is unknown and promises nothing.
/// Thread-safe: the burst's workers record into it concurrently.
/// </summary>
internal sealed class CrashLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AcknowledgedDecision> _decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _commands = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _voted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _approvedBy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _granted = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];

    /// <summary>Records an answered <c>POST /v1/decide</c>; a second grant for one approval is the double spend this test hunts.</summary>
    public void Decided(AcknowledgedDecision decision)
    {
        lock (_lock)
        {
            if (!_decisions.TryAdd(decision.Id, decision))
            {
                _violations.Add($"the decision id {decision.Id} was answered twice");
            }

            if (decision.ApprovalId is not { } approval)
            {
                return;
            }

            _commands.TryAdd(approval, decision.Command);
            if (decision.IsGrant && !_granted.TryAdd(approval, decision.Id))
            {
                _violations.Add($"the grant of {approval} was consumed twice: decisions {_granted[approval]} and {decision.Id} both answered allow (approval_granted)");
            }

            if (decision.ApprovalStatus == "pending")
            {
                _pending.Add(approval);
            }
        }
    }

    /// <summary>Called before an approve vote is sent: from then on the request may have changed, answered or not.</summary>
    public void VoteSent(string approvalId)
    {
        lock (_lock)
        {
            _voted.Add(approvalId);
        }
    }

    /// <summary>An approve vote answered 200 with the request approved.</summary>
    public void Approved(string approvalId, string approver)
    {
        lock (_lock)
        {
            if (!_approvedBy.TryAdd(approvalId, approver))
            {
                _violations.Add($"{approvalId} was approved twice with one approver required: by {_approvedBy[approvalId]} and by {approver}");
            }
        }
    }

    public void Violation(string text)
    {
        lock (_lock)
        {
            _violations.Add(text);
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    public IReadOnlyList<AcknowledgedDecision> Decisions
    {
        get
        {
            lock (_lock)
            {
                return [.. _decisions.Values];
            }
        }
    }

    /// <summary>Approval ids whose approval was acknowledged.</summary>
    public IReadOnlyList<string> ApprovedIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _approvedBy.Keys];
            }
        }
    }

    /// <summary>Approval id → the decision that consumed its grant, as acknowledged.</summary>
    public IReadOnlyDictionary<string, string> Granted
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_granted, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Requests acknowledged as pending that no approver was ever asked about: nothing may have changed them.</summary>
    public IReadOnlyList<string> UntouchedPending
    {
        get
        {
            lock (_lock)
            {
                return [.. _pending.Where(id => !_voted.Contains(id))];
            }
        }
    }

    /// <summary>Every approval id the clients learned of, with the command it gates.</summary>
    public IReadOnlyDictionary<string, string> Commands
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_commands, StringComparer.Ordinal);
            }
        }
    }
}
