using System.CommandLine;
using System.Text.Json;
using Airlock.Audit;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock audit verify BUNDLE</c>: offline. Exit 0 only when every hash, proof, signature, sequence
/// number and link holds and the last checkpoint is fresh; otherwise 5, with every finding listed.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "The bundle from airlock audit export." };
        var publicKey = new Option<string[]>("--public-key") { Description = "PEM file(s) with the public key(s) you trust (from airlock keys export). Without it the bundle's own keys are used, which proves integrity but not origin.", AllowMultipleArgumentsPerToken = true };
        var checkpoint = new Option<string[]>("--checkpoint") { Description = "Signed checkpoint(s) you obtained earlier: the bundle must be consistent with them (detects a rollback).", AllowMultipleArgumentsPerToken = true };
        var siem = new Option<string?>("--siem") { Description = "A SIEM export (Splunk HEC or OCSF lines) to reconcile against the bundle." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("verify", "Verify an audit bundle offline: hashes, proofs, signatures, sequence, links, freshness.");
        command.Arguments.Add(bundle);
        command.Options.Add(publicKey);
        command.Options.Add(checkpoint);
        command.Options.Add(siem);
        command.Options.Add(json);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            try
            {
                var keys = (result.GetValue(publicKey) ?? []).SelectMany(path => PemBlocks(File.ReadAllText(path))).ToList();
                if ((result.GetValue(publicKey) ?? []).Length > 0 && keys.Count == 0)
                {
                    throw new UsageException("the --public-key file holds no PEM public key");
                }

                var held = (result.GetValue(checkpoint) ?? []).Select(File.ReadAllText).ToList();
                var siemPath = result.GetValue(siem);
                SiemReconciler? reconciler = null;
                BundleReport report;
                using (var input = File.OpenRead(result.GetValue(bundle)!))
                {
                    reconciler = siemPath is null ? null : new SiemReconciler(ReadOrigin(result.GetValue(bundle)!));
                    report = new AuditBundleVerifier(keys, held) { OnRecord = reconciler is null ? null : reconciler.Add }.Verify(input);
                }

                if (reconciler is not null)
                {
                    using var siemInput = File.OpenRead(siemPath!);
                    reconciler.Reconcile(siemInput, report);
                }

                if (result.GetValue(json))
                {
                    output.WriteLine(report.ToJson());
                }
                else
                {
                    WriteSummary(output, report, keys.Count > 0);
                }

                return report.Ok ? 0 : ExitCodes.AuditInvalid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or UsageException)
            {
                result.InvocationConfiguration.Error.WriteLine($"airlock: {e.Message}");
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }

    private static void WriteSummary(TextWriter output, BundleReport report, bool pinned)
    {
        output.WriteLine($"{report.RecordsValid}/{report.RecordsExpected} records valid");
        if (report.Header is { } header)
        {
            output.WriteLine($"log {header.Origin}: records [{header.FromSeq}, {header.ToSeq}) of {header.LogSize}, exported {header.ExportedAt:u}");
        }

        output.WriteLine($"checkpoints: {report.CheckpointsVerified}/{report.CheckpointsTotal} verified; proofs: {report.ProofsVerified} verified");
        if (report.LastCheckpoint is { } last)
        {
            output.WriteLine($"last checkpoint: {last.Size} records, signed {last.At:u} by {last.Fingerprint}");
        }

        foreach (var (fingerprint, trust) in report.Keys)
        {
            output.WriteLine($"key {fingerprint}: {trust}");
        }

        if (!pinned)
        {
            output.WriteLine("note: no --public-key given; the bundle's own keys were trusted (integrity, not origin).");
        }

        foreach (var finding in report.Findings)
        {
            output.WriteLine($"FAIL {finding.Kind}: {finding.Message}");
        }

        output.WriteLine(report.Ok ? "OK: the bundle verifies." : $"FAILED: {report.Findings.Count} finding(s).");
    }

    private static string ReadOrigin(string bundlePath)
    {
        using var reader = new StreamReader(bundlePath);
        using var header = JsonDocument.Parse(reader.ReadLine() ?? "{}");
        return header.RootElement.TryGetProperty("origin", out var origin) ? origin.GetString() ?? "" : "";
    }

    /// <summary>Each PEM block in a file (a key file may hold the current and earlier keys).</summary>
    public static IEnumerable<string> PemBlocks(string text)
    {
        const string End = "-----END PUBLIC KEY-----";
        var start = text.IndexOf("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            yield return text[start..(end + End.Length)];
            start = text.IndexOf("-----BEGIN PUBLIC KEY-----", end, StringComparison.Ordinal);
        }
    }
}
