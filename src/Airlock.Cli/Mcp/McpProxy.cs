using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Airlock.Cli.Gateway;
using Airlock.Cli.Processes;
using Airlock.Wire;

namespace Airlock.Cli.Mcp;

/// <summary>
/// <c>airlock mcp-proxy</c>: an MCP server over stdio that starts the real server as a child over
/// stdio and relays JSON-RPC between them, line for line. Only <c>tools/call</c> is gated (and, with
/// <c>--hide-denied</c>, the answers to <c>tools/list</c> are filtered); every other message — the
/// handshake, capabilities, notifications, progress, resources, prompts, requests from the server to
/// the client, cancellation — is passed on byte for byte, whatever protocol revision the two speak.
/// </summary>
/// <remarks>
/// A relay rather than an SDK server: an SDK server answers <c>initialize</c> and capabilities itself
/// and passes on only what it models, so new protocol features would be lost or altered; the relay
/// needs to understand only the one method it gates. Messages from the client are parsed strictly
/// (duplicate keys refused) and an allowed call is forwarded as the parsed message, so the server
/// receives exactly what was analyzed. stdout carries protocol messages only; diagnostics go to stderr.
/// </remarks>
internal sealed class McpProxy(IReadOnlyList<string> command, string program, McpToolGate gate, GatewayClient? gateway, bool hideDenied, TextWriter log)
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 256 };
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 256 };
    private static readonly byte[] Newline = "\n"u8.ToArray();

    /// <summary>How long the server gets to exit after its input is closed before it is sent SIGTERM, then killed (the MCP stdio shutdown sequence).</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _toClient = new(1, 1);
    private readonly SemaphoreSlim _toServer = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _listRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _deciding = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GatedCall> _gatewayCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private Stream _clientOut = Stream.Null;
    private Stream _serverIn = Stream.Null;

    public async Task<int> RunAsync(Stream clientIn, Stream clientOut, CancellationToken cancellationToken)
    {
        _clientOut = clientOut;
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            // The server's diagnostics go straight to Airlock's stderr, which the client logs.
            RedirectStandardError = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var signals = new SignalForwarder();
        Process child;
        try
        {
            child = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            log.WriteLine($"airlock mcp-proxy: cannot start {program} ({e.Message}).");
            return 1;
        }

        using (child)
        {
            signals.Attach(child);
            _serverIn = child.StandardInput.BaseStream;
            var fromServer = PumpServerAsync(child.StandardOutput.BaseStream, cancellationToken);
            var fromClient = PumpClientAsync(clientIn, cancellationToken);
            if (await Task.WhenAny(fromServer, fromClient).ConfigureAwait(false) == fromClient)
            {
                // The client closed its end: let calls being decided finish, then close the server's input and let it exit.
                await Task.WhenAll(_work.Keys).ConfigureAwait(false);
                await CloseServerInputAsync().ConfigureAwait(false);
                if (!await ExitedAsync(child, ShutdownGrace).ConfigureAwait(false))
                {
                    SignalForwarder.Terminate(child);
                    if (!await ExitedAsync(child, ShutdownGrace).ConfigureAwait(false))
                    {
                        child.Kill(entireProcessTree: true);
                    }
                }
            }

            await fromServer.ConfigureAwait(false);
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var call in _gatewayCalls.Values)
            {
                // The server ended without answering: the call was sent, so it may have run; it did not complete.
                Report(call, ExecutionReporter.Failed);
            }

            await Task.WhenAll(_work.Keys).ConfigureAwait(false);
            return child.ExitCode;
        }
    }

    private async Task PumpClientAsync(Stream input, CancellationToken cancellationToken)
    {
        var reader = new LineReader(input);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (IsBlank(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, Strict);
            }
            catch (JsonException e)
            {
                // Not forwarded: a server with a laxer parser might read it otherwise than Airlock did.
                log.WriteLine($"airlock mcp-proxy: a message from the client is not valid JSON and was not forwarded ({e.Message}).");
                await ToClientAsync(Error(null, -32700, "Parse error: the message is not valid JSON (duplicate keys are refused).")).ConfigureAwait(false);
                continue;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
                {
                    // A batch (2025-03-26) is passed on as separate messages, so each call is gated on its own.
                    foreach (var message in root.EnumerateArray())
                    {
                        await FromClientAsync(message, Encoding.UTF8.GetBytes(message.GetRawText())).ConfigureAwait(false);
                    }
                }
                else
                {
                    await FromClientAsync(root, line).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task FromClientAsync(JsonElement message, byte[] raw)
    {
        var method = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var id = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var i) ? i.Clone() : (JsonElement?)null;
        switch (method)
        {
            case "tools/call":
                var call = message.Clone();
                if (id is { } callId)
                {
                    _deciding[IdKey(callId)] = false;
                }

                Track(Task.Run(() => GateAsync(call, id)));
                return;
            case "tools/list" when hideDenied && id is { } listId:
                _listRequests[IdKey(listId)] = 0;
                break;
            case "notifications/cancelled" when message.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("requestId", out var cancelled):
                var key = IdKey(cancelled);
                if (_deciding.ContainsKey(key))
                {
                    _deciding[key] = true;
                }

                break;
        }

        await ToServerAsync(raw).ConfigureAwait(false);
    }

    private async Task GateAsync(JsonElement message, JsonElement? id)
    {
        var key = id is { } value ? IdKey(value) : null;
        var parameters = message.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || (parameters.TryGetProperty("arguments", out var args) && args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)))
        {
            Forget(key);
            log.WriteLine("airlock mcp-proxy: a tools/call without a tool name or with arguments that are not an object was refused.");
            if (id is not null)
            {
                await ToClientAsync(Error(id, -32602, "Invalid params: tools/call needs params.name (a string) and params.arguments (an object).")).ConfigureAwait(false);
            }

            return;
        }

        var tool = nameElement.GetString()!;
        var arguments = parameters.TryGetProperty("arguments", out var given) && given.ValueKind == JsonValueKind.Object ? given : EmptyObject;
        var verdict = gate.Decide(tool, arguments);
        if (Forget(key))
        {
            log.WriteLine($"airlock mcp-proxy: the client cancelled the call to '{tool}' while it was being decided; it was not forwarded.");
            return;
        }

        if (verdict.Outcome != Policy.Outcome.Allow)
        {
            log.WriteLine($"airlock mcp-proxy: {Configuration.EnumNames.Of(verdict.Outcome)} {gate.ToolName(tool)} ({verdict.Answer.ReasonCode}).");
            if (id is not null)
            {
                await ToClientAsync(ToolError(id, gate.Refusal(tool, verdict))).ConfigureAwait(false);
            }

            return;
        }

        if (key is not null && verdict.ByGateway && verdict.Answer.DecisionId is { } decisionId && gateway is not null)
        {
            _gatewayCalls[key] = new GatedCall(decisionId, Stopwatch.StartNew());
        }

        await ToServerAsync(Serialize(message)).ConfigureAwait(false);
    }

    /// <summary>Stops tracking a call being decided; true when the client cancelled it meanwhile.</summary>
    private bool Forget(string? key) => key is not null && _deciding.TryRemove(key, out var cancelled) && cancelled;

    private async Task PumpServerAsync(Stream output, CancellationToken cancellationToken)
    {
        var reader = new LineReader(output);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (_listRequests.IsEmpty && _gatewayCalls.IsEmpty)
            {
                await ToClientAsync(line).ConfigureAwait(false);
                continue;
            }

            await ToClientAsync(FromServer(line)).ConfigureAwait(false);
        }
    }

    /// <summary>A server message as it goes to the client: a filtered tool list, or as it came; answers to gateway-decided calls are reported.</summary>
    private byte[] FromServer(byte[] line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: Lenient);
        }
        catch (JsonException)
        {
            return line;
        }

        if (node is not JsonObject response || response.ContainsKey("method") || response["id"] is not { } idNode)
        {
            return line;
        }

        using var idDocument = JsonDocument.Parse(idNode.ToJsonString());
        var key = IdKey(idDocument.RootElement);
        if (_gatewayCalls.TryRemove(key, out var call))
        {
            var result = response["result"] as JsonObject;
            // A call run as a task answers with the task, not the tool's result: its outcome is not known here.
            if (result?["task"] is null)
            {
                var failed = response.ContainsKey("error") || result?["isError"] is JsonValue isError && isError.TryGetValue<bool>(out var flag) && flag;
                Report(call, failed ? ExecutionReporter.Failed : ExecutionReporter.Completed, failed ? FailureDetail(response) : null);
            }

            return line;
        }

        if (_listRequests.TryRemove(key, out _) && response["result"]?["tools"] is JsonArray tools)
        {
            for (var i = tools.Count - 1; i >= 0; i--)
            {
                if (tools[i]?["name"] is JsonValue name && name.TryGetValue<string>(out var toolName) && gate.AlwaysDenied(toolName))
                {
                    tools.RemoveAt(i);
                }
            }

            return Serialize(response);
        }

        return line;
    }

    /// <summary>What the server said went wrong: the JSON-RPC error, or the text of the tool error (the gateway redacts secrets and bounds it).</summary>
    private static string? FailureDetail(JsonObject response)
    {
        if (response["error"]?["message"] is JsonValue message && message.TryGetValue<string>(out var error))
        {
            return $"JSON-RPC error: {error}";
        }

        var text = response["result"]?["content"] is JsonArray content
            ? string.Join(" ", content.Select(c => c?["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null).Where(s => s is not null))
            : "";
        return text.Length == 0 ? null : $"tool error: {(text.Length > 500 ? text[..500] : text)}";
    }

    private void Report(GatedCall call, string status, string? detail = null)
    {
        if (gateway is null)
        {
            return;
        }

        var report = new ExecutionJson { DecisionId = call.DecisionId, Status = status, DurationMs = call.Clock.ElapsedMilliseconds, Detail = detail };
        Track(Task.Run(() => ExecutionReporter.Report(gateway, report, log)));
    }

    /// <summary>Keeps a background task (a call being decided, a report) until it ends, so shutdown can wait for it.</summary>
    private void Track(Task task)
    {
        _work[task] = 0;
        _ = task.ContinueWith(t => _work.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ToClientAsync(byte[] message)
    {
        await _toClient.WaitAsync().ConfigureAwait(false);
        try
        {
            await _clientOut.WriteAsync(message).ConfigureAwait(false);
            await _clientOut.WriteAsync(Newline).ConfigureAwait(false);
            await _clientOut.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            log.WriteLine("airlock mcp-proxy: the client's input is closed; a message could not be passed on.");
        }
        finally
        {
            _toClient.Release();
        }
    }

    private async Task ToServerAsync(byte[] message)
    {
        await _toServer.WaitAsync().ConfigureAwait(false);
        try
        {
            await _serverIn.WriteAsync(message).ConfigureAwait(false);
            await _serverIn.WriteAsync(Newline).ConfigureAwait(false);
            await _serverIn.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            log.WriteLine("airlock mcp-proxy: the server's input is closed; a message could not be passed on.");
        }
        finally
        {
            _toServer.Release();
        }
    }

    private async Task CloseServerInputAsync()
    {
        await _toServer.WaitAsync().ConfigureAwait(false);
        try
        {
            _serverIn.Close();
        }
        catch (IOException)
        {
        }
        finally
        {
            _toServer.Release();
        }
    }

    private static async Task<bool> ExitedAsync(Process child, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static bool IsBlank(byte[] line) => line.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r');

    /// <summary>A request id as a dictionary key: JSON-RPC ids are strings or numbers, and 1 is not "1".</summary>
    private static string IdKey(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => "s:" + id.GetString(),
        JsonValueKind.Number => "n:" + (id.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : id.GetDouble().ToString("R", CultureInfo.InvariantCulture)),
        _ => "x:" + id.GetRawText(),
    };

    private static readonly JsonWriterOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static byte[] Serialize(JsonElement message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            message.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static byte[] Serialize(JsonNode message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            message.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>A tool result the model reads: <c>isError: true</c> with one text block.</summary>
    private static byte[] ToolError(JsonElement? id, string text) => Serialize(new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = IdNode(id),
        ["result"] = new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            ["isError"] = true,
        },
    });

    private static byte[] Error(JsonElement? id, int code, string message) => Serialize(new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = IdNode(id),
        ["error"] = new JsonObject { ["code"] = code, ["message"] = "Airlock: " + message },
    });

    private static JsonNode? IdNode(JsonElement? id) => id is { } value ? JsonNode.Parse(value.GetRawText()) : null;

    private sealed record GatedCall(string DecisionId, Stopwatch Clock);
}
