namespace Airlock.Server.Decisions;

/// <summary>An HTTP answer as stored for idempotent replay: the exact status and body bytes sent the first time.</summary>
internal sealed record GatewayAnswer(int Status, string Body);
