using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Airlock.Wire;

namespace Airlock.Cli.Gateway;

/// <summary>
/// The gateway's HTTP API as the command and the hook use it. Synchronous on purpose: the hook calls it
/// on its start-up path, where task machinery costs time; the commands make one or two calls each.
/// </summary>
internal sealed class GatewayClient(Uri server, string token, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = timeout };

    public const string ServerVariable = "AIRLOCK_SERVER";
    public const string TokenVariable = "AIRLOCK_TOKEN";

    /// <summary>The gateway the environment names, or null when AIRLOCK_SERVER or AIRLOCK_TOKEN is unset.</summary>
    public static GatewayClient? FromEnvironment(TimeSpan timeout)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        return string.IsNullOrWhiteSpace(server) || string.IsNullOrWhiteSpace(token) ? null : new GatewayClient(ParseServer(server), token.Trim(), timeout);
    }

    public static Uri ParseServer(string server)
    {
        var text = server.Contains("://", StringComparison.Ordinal) ? server : "http://" + server;
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new GatewayClientException($"'{server}' is not a gateway address (http://HOST:PORT).");
    }

    public DecisionJson Decide(DecideRequestJson request, string? idempotencyKey = null) =>
        Send(HttpMethod.Post, "v1/decide", Body(request, WireJsonContext.Default.DecideRequestJson), WireJsonContext.Default.DecisionJson, idempotencyKey);

    public ApprovalJson Approval(string id) => Send(HttpMethod.Get, $"v1/approvals/{Uri.EscapeDataString(id)}", null, WireJsonContext.Default.ApprovalJson);

    public List<ApprovalJson> Approvals(string status) => Send(HttpMethod.Get, $"v1/approvals?status={Uri.EscapeDataString(status)}", null, WireJsonContext.Default.ListApprovalJson);

    /// <summary>POSTs approve, reject or cancel.</summary>
    public ApprovalJson Vote(string id, string action, VoteRequestJson vote) =>
        Send(HttpMethod.Post, $"v1/approvals/{Uri.EscapeDataString(id)}/{action}", Body(vote, WireJsonContext.Default.VoteRequestJson), WireJsonContext.Default.ApprovalJson);

    public TokenJson CreateToken(TokenCreateJson request) => Send(HttpMethod.Post, "v1/tokens", Body(request, WireJsonContext.Default.TokenCreateJson), WireJsonContext.Default.TokenJson);

    public List<TokenJson> Tokens() => Send(HttpMethod.Get, "v1/tokens", null, WireJsonContext.Default.ListTokenJson);

    public void RevokeToken(string id) => Send<ErrorJson>(HttpMethod.Delete, $"v1/tokens/{Uri.EscapeDataString(id)}", null, null);

    public ExecutionRecordedJson ReportExecution(ExecutionJson execution) =>
        Send(HttpMethod.Post, "v1/executions", Body(execution, WireJsonContext.Default.ExecutionJson), WireJsonContext.Default.ExecutionRecordedJson);

    /// <summary>Copies a GET answer (an audit bundle, NDJSON records) to <paramref name="target"/> as it arrives.</summary>
    public void Download(string pathAndQuery, Stream target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new GatewayClientException($"the Airlock gateway at {server} did not answer ({(e is TaskCanceledException ? "timed out" : e.GetType().Name)})");
        }

        using (response)
        {
            using var stream = response.Content.ReadAsStream();
            if (!response.IsSuccessStatusCode)
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                throw new GatewayClientException(ErrorText(reader.ReadToEnd(), (int)response.StatusCode), (int)response.StatusCode);
            }

            stream.CopyTo(target);
        }
    }

    public void Dispose() => _http.Dispose();

    internal T Send<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T>? type, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new GatewayClientException($"the Airlock gateway at {server} did not answer ({(e is TaskCanceledException ? "timed out" : e.GetType().Name)})");
        }

        using (response)
        {
            using var stream = response.Content.ReadAsStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            if (!response.IsSuccessStatusCode)
            {
                throw new GatewayClientException(ErrorText(text, (int)response.StatusCode), (int)response.StatusCode);
            }

            if (type is null)
            {
                return default!;
            }

            try
            {
                return JsonSerializer.Deserialize(text, type) ?? throw new JsonException("empty answer");
            }
            catch (JsonException)
            {
                throw new GatewayClientException($"the Airlock gateway at {server} sent an answer that is not what Airlock expects");
            }
        }
    }

    private static string ErrorText(string body, int status)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, WireJsonContext.Default.ErrorJson) is { } error)
            {
                return $"the gateway refused ({status} {error.Code}): {error.Error}";
            }
        }
        catch (JsonException)
        {
        }

        return $"the gateway answered HTTP {status}";
    }

    internal static StringContent Body<T>(T value, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");
}

/// <summary>A gateway call failed: unreachable, refused, or an answer that cannot be read.</summary>
internal sealed class GatewayClientException(string message, int status = 0) : Exception(message)
{
    public int Status { get; } = status;
}
