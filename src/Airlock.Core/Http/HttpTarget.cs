using Airlock.Analysis;
using Airlock.Model;

namespace Airlock.Http;

/// <summary>Where a request goes, judged once, and how operations against it are built.</summary>
internal sealed record HttpTarget(HttpCall Call, string RedactedUrl, DeploymentEnvironment Environment, string? EnvironmentEvidence, string BodyNote)
{
    /// <summary>Judges the target; <paramref name="configured"/>, when given, is the environment a trusted configuration names for it and wins over the host name.</summary>
    public static HttpTarget For(HttpCall call, EnvironmentClaim? configured = null)
    {
        if (configured is not null)
        {
            return new HttpTarget(call, UrlRedactor.Redact(call.Url), configured.Environment, configured.Evidence, BodyNoteOf(call));
        }

        var inferred = EnvironmentInference.FromHost(call.Host);
        return new HttpTarget(
            call,
            UrlRedactor.Redact(call.Url),
            inferred ?? DeploymentEnvironment.Unknown,
            inferred is null ? null : $"host {call.Host}",
            BodyNoteOf(call));
    }

    /// <summary>What a change can reach: the developer's own machine, or a shared remote system.</summary>
    public BlastRadius ChangeRadius => Environment == DeploymentEnvironment.Local ? BlastRadius.Workspace : BlastRadius.Remote;

    public Operation Create(string kind, Verb verb, Reversibility reversibility, BlastRadius radius, string? target = null, string? detail = null) => new()
    {
        Kind = kind,
        Verb = verb,
        Target = target ?? RedactedUrl,
        Environment = Environment,
        EnvironmentEvidence = EnvironmentEvidence,
        Reversibility = reversibility,
        BlastRadius = radius,
        Evidence = string.Join(' ', new[] { Call.Method, RedactedUrl, detail ?? "" }.Where(part => part.Length > 0)) + BodyNote,
        Tool = Call.Tool,
    };

    private static string BodyNoteOf(HttpCall call)
    {
        var sources = new List<string>();
        if (call.ReadsBodyFromStdin)
        {
            sources.Add("stdin");
        }

        if (call.BodyFiles.Count > 0)
        {
            sources.Add("file " + string.Join(", ", call.BodyFiles));
        }

        if (call.UnreadBody is { } unread)
        {
            return sources.Count == 0 ? $" (body not read: {unread})" : $" (body from {string.Join(" and ", sources)}; not read: {unread})";
        }

        return sources.Count == 0 ? "" : $" (body from {string.Join(" and ", sources)})";
    }
}
