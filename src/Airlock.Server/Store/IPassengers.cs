namespace Airlock.Server.Store;

/// <summary>Writes that need no transaction of their own: another committer's next transaction may carry them.</summary>
internal interface IPassengers
{
    /// <summary>Takes what is queued now, or null; the taker writes it inside its transaction, then calls <see cref="Boarding.Landed"/> or <see cref="Boarding.Stranded"/>.</summary>
    Boarding? Board();
}

/// <summary>Passengers taken for one transaction.</summary>
/// <param name="Write">Writes them inside the carrying transaction.</param>
/// <param name="Landed">The carrying transaction committed: they are durable.</param>
/// <param name="Stranded">The carrying transaction failed: they are written on their own instead.</param>
internal sealed record Boarding(Action<IGatewayTransaction> Write, Action Landed, Action Stranded);
