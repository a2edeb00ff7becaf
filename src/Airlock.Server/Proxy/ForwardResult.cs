namespace Airlock.Server.Proxy;

/// <summary>
/// How forwarding went: the execution status (<see cref="Executions.ExecutionStatus"/>), the status the
/// agent got, whether the upstream may have received the request (if not, an <c>Idempotency-Key</c> is
/// released), the gateway's own answer to write when the upstream gave none, and the response kept for replay.
/// </summary>
internal sealed record ForwardResult(string Outcome, int Status, bool MayHaveBeenSent, ReplayableResponse? Answer, ReplayableResponse? Kept, string? Failure)
{
    public static ForwardResult Failed(string outcome, int status, bool mayHaveBeenSent, ReplayableResponse? answer, string? failure = null) =>
        new(outcome, status, mayHaveBeenSent, answer, Kept: null, failure ?? outcome);
}
