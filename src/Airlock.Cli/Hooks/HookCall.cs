using Airlock.Model;

namespace Airlock.Cli.Hooks;

/// <summary>A hook invocation read from a client's payload: the request to decide and how to answer.</summary>
internal sealed record HookCall(HookDialect Dialect, string Event, ActionRequest? Request);
