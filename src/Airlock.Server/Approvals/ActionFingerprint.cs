using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Airlock.Analysis;
using Airlock.Model;

namespace Airlock.Server.Approvals;

/// <summary>
/// The identity of one exact action: a keyed hash (HMAC-SHA256 with the gateway's own key) of the
/// normalized tool, input, working directory and subject (tenant, workspace, agent). A grant covers
/// only its fingerprint, so approving <c>DROP TABLE a</c> never covers <c>DROP TABLE b</c>. The key
/// keeps stored fingerprints from confirming guesses about secrets inside commands.
/// </summary>
internal static class ActionFingerprint
{
    public static string Compute(ReadOnlySpan<byte> key, ActionRequest request)
    {
        var canonical = Canonical(request);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Every shell tool (Bash, run_shell_command, shell…) is the same action for the same command, so an
    /// approval survives a change of client; other inputs are canonical JSON (sorted keys, no spacing).
    /// </summary>
    internal static string Canonical(ActionRequest request)
    {
        var subject = request.Subject;
        var (tool, input) = ActionAnalyzer.IsShellTool(request.Tool) && ActionAnalyzer.ShellCommandOf(request.Input) is { } command
            ? ("shell", JsonSerializer.Serialize(command.Trim(), FingerprintJsonContext.Default.String))
            : (request.Tool, CanonicalJson.Write(request.Input));
        var cwd = NormalizeCwd(request.Cwd);
        return string.Join('\n', "airlock-action-v1", subject.Tenant, subject.Workspace, subject.Agent, tool, cwd, input);
    }

    private static string NormalizeCwd(string? cwd) =>
        string.IsNullOrWhiteSpace(cwd) ? "" : cwd.Length > 1 ? cwd.TrimEnd('/', '\\') : cwd;
}
