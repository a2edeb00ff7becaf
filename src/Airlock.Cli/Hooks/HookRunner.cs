using System.Text.Json;
using Airlock.Cli.Gateway;
using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Cli.Hooks;

/// <summary>
/// One hook invocation: read stdin, decide, answer — within a hard deadline, and in the client's
/// format whatever happens. Malformed input, a policy that does not load, an internal error or a
/// missed deadline are all answered with a deny; the process never exits 1 and never prints a stack
/// trace, because most clients let a call through when a hook fails.
/// </summary>
internal sealed class HookRunner(HookDialect configured, string? policyPath, TimeSpan deadline, TimeSpan wait = default)
{
    public const int MaxInputBytes = 16 << 20;

    /// <summary>Each gateway call gets this long, well inside the default deadline, so a slow gateway still leaves time to decide locally.</summary>
    private static readonly TimeSpan GatewayTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Decides on a thread of its own with far more stack than the analysis bounds need (a stack overflow
    /// would kill the process, which most clients read as "let it through"), and waits at most the deadline.
    /// Synchronous on purpose: no timers or task machinery on the hook's start-up path.
    /// </summary>
    public HookResponse Run(Stream stdin)
    {
        HookResponse? response = null;
        var thread = new Thread(() => response = Decide(stdin), maxStackSize: 64 << 20) { IsBackground = true, Name = "airlock-decide" };
        thread.Start();
        // Waiting for a human (--wait) comes on top of the time to decide.
        var limit = deadline + wait;
        return thread.Join(limit) && response is not null
            ? response
            : Refuse(configured, ReasonCodes.InternalError, $"Airlock could not decide within {limit.TotalMilliseconds:0} ms, so the call is refused.");
    }

    private HookResponse Decide(Stream stdin)
    {
        var dialect = configured;
        try
        {
            var bytes = ReadBounded(stdin);
            if (bytes is null)
            {
                return Refuse(dialect, ReasonCodes.InvalidInput, $"the hook input is larger than {MaxInputBytes >> 20} MiB, so the call is refused.");
            }

            if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return Refuse(dialect, ReasonCodes.InvalidInput, "the hook received no input, so the call is refused.");
            }

            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 });
            var call = HookPayloadReader.Read(document.RootElement, configured);
            dialect = call.Dialect;
            if (call.Request is null)
            {
                return HookResponder.NotGated(dialect);
            }

            var request = call.Request;
            Decision Local() => new PolicyEngine(PolicySources.Resolve(policyPath, request.Cwd)).Decide(request);
            var decision = GatewayConfigured() ? DecideWithGateway(request, Local) : Local();
            return HookResponder.Render(dialect, call.Event, decision);
        }
        catch (JsonException)
        {
            return Refuse(dialect, ReasonCodes.InvalidInput, "the hook input is not valid JSON, so the call is refused.");
        }
        catch (FormatException e)
        {
            return Refuse(dialect, ReasonCodes.InvalidInput, $"{e.Message}, so the call is refused.");
        }
        catch (ConfigException e)
        {
            return Refuse(dialect, ReasonCodes.PolicyError, $"the policy could not be loaded ({e.Errors.Count} error(s); run 'airlock policy validate' to see them), so the call is refused.");
        }
#pragma warning disable CA1031 // Fail closed: any failure is answered with a deny in the client's format.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Refuse(dialect, ReasonCodes.InternalError, $"Airlock failed while deciding ({e.GetType().Name}), so the call is refused.");
        }
    }

    // Constants only: without a gateway, the hook's start-up never loads the HTTP stack.
    private static bool GatewayConfigured() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(GatewayClient.ServerVariable))
        && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(GatewayClient.TokenVariable));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Decision DecideWithGateway(Model.ActionRequest request, Func<Decision> local)
    {
        using var gateway = GatewayClient.FromEnvironment(GatewayTimeout)!;
        return new HookGateway(gateway, wait).Decide(request, local);
    }

    private static byte[]? ReadBounded(Stream stdin)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stdin.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static HookResponse Refuse(HookDialect dialect, string reasonCode, string message)
    {
        var decision = new Decision
        {
            Outcome = Outcome.Deny,
            ReasonCode = reasonCode,
            Rule = reasonCode,
            AgentMessage = message + " Do not retry in another form; tell the user.",
            HumanMessage = message,
        };
        return HookResponder.Render(dialect, "PreToolUse", decision);
    }
}
