using Airlock.Wire;

namespace Airlock.Server.Decisions;

/// <summary>
/// An HTTP answer as stored for idempotent replay: the exact status and body bytes sent the first time;
/// <see cref="Decision"/> is the same answer as an object, when it was just decided (not replayed).
/// </summary>
internal sealed record GatewayAnswer(int Status, string Body, DecisionJson? Decision = null);
