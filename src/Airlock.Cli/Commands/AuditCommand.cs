using System.CommandLine;
using System.Globalization;
using Airlock.Audit;

namespace Airlock.Cli.Commands;

/// <summary>
/// <c>airlock audit export|verify|tail|query|replay</c>. Export, tail, query and replay read the gateway
/// (approver or admin token); verify is offline and needs nothing but the bundle and, ideally, the public key.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Export, verify and read the gateway's tamper-evident audit log.");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(AuditVerifyCommand.Create());
        command.Subcommands.Add(AuditReadCommands.Tail());
        command.Subcommands.Add(AuditReadCommands.Query());
        command.Subcommands.Add(AuditReadCommands.Replay());
        return command;
    }

    private static Command Export()
    {
        var connection = new GatewayConnectionOptions();
        var from = new Option<string?>("--from") { Description = "First record: a sequence number, or a time such as 2026-11-01 or 2026-11-01T10:00:00Z (default: the start of the log)." };
        var to = new Option<string?>("--to") { Description = "End of the range (exclusive): a sequence number or a time (default: now). The bundle ends on the first checkpoint at or after it." };
        var format = new Option<string>("--format") { Description = "bundle (default), splunk-hec or ocsf.", DefaultValueFactory = _ => "bundle" };
        format.AcceptOnlyFromAmong("bundle", SiemEvents.SplunkHec, SiemEvents.Ocsf);
        var output = new Option<string>("--output", "-o") { Description = "The file to write.", Required = true };
        var command = new Command("export", "Export records with their checkpoints, proofs and public keys (a bundle), or as SIEM events.");
        connection.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(result => GatewayConnectionOptions.Run(result, console =>
        {
            using var client = connection.Connect(result);
            var query = Range("from_seq", "since", result.GetValue(from)) + Range("to_seq", "until", result.GetValue(to));
            var path = result.GetValue(output)!;
            var kind = result.GetValue(format)!;
            var bundlePath = kind == "bundle" ? path : Path.GetTempFileName();
            try
            {
                using (var file = new FileStream(bundlePath, FileMode.Create, FileAccess.Write))
                {
                    client.Download("v1/audit/export" + (query.Length > 0 ? "?" + query.TrimStart('&') : ""), file);
                }

                var report = kind == "bundle" ? VerifyFile(bundlePath) : WriteSiem(bundlePath, path, kind);
                console.WriteLine($"Wrote {path}: {report.RecordsRead} records [{report.Header?.FromSeq}, {report.Header?.ToSeq}) of {report.Header?.Origin}, {report.CheckpointsTotal} checkpoints.");
                if (!report.Ok)
                {
                    console.WriteLine($"Warning: the export does not verify against its own keys ({report.Findings.Count} findings); run airlock audit verify {path}.");
                    return ExitCodes.AuditInvalid;
                }

                return 0;
            }
            finally
            {
                if (kind != "bundle")
                {
                    File.Delete(bundlePath);
                }
            }
        }));
        return command;
    }

    /// <summary>SIEM events come from a bundle that verified, so the SIEM receives exactly what the log holds.</summary>
    private static BundleReport WriteSiem(string bundlePath, string path, string format)
    {
        var records = new List<(long Seq, byte[] Leaf, byte[] Bytes)>();
        BundleReport report;
        using (var input = File.OpenRead(bundlePath))
        {
            report = new AuditBundleVerifier { OnRecord = (seq, leaf, bytes) => records.Add((seq, leaf, bytes.ToArray())) }.Verify(input);
        }

        if (!report.Ok)
        {
            throw new UsageException($"the exported bundle does not verify ({report.Findings[0].Message}); no SIEM file was written");
        }

        using var output = new FileStream(path, FileMode.Create, FileAccess.Write);
        foreach (var (seq, leaf, bytes) in records)
        {
            output.Write(SiemEvents.Build(format, report.Header!.Origin, seq, leaf, bytes));
            output.WriteByte((byte)'\n');
        }

        return report;
    }

    private static BundleReport VerifyFile(string path)
    {
        using var input = File.OpenRead(path);
        return new AuditBundleVerifier().Verify(input);
    }

    /// <summary>A bound as a query parameter: digits are a sequence number, anything else a time.</summary>
    public static string Range(string seqName, string timeName, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return $"&{seqName}={seq}";
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? $"&{timeName}={Uri.EscapeDataString(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}"
            : throw new UsageException($"'{value}' is neither a sequence number nor a time such as 2026-11-01T10:00:00Z");
    }
}
