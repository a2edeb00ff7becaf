using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// File and disk destruction: rm and its relatives, shred, truncate, dd, mkfs, recursive chmod/chown,
/// mv to /dev/null, PowerShell's Remove-Item. Each target path is judged on its own.
/// </summary>
internal sealed class FileHandler(AnalysisContext context) : ICommandHandler
{
    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var program = entry.Names[0];
        var parsed = new ParsedArgs(argv.Skip(1).ToList(), entry.ValueOptions);
        switch (program)
        {
            case "rm" or "Remove-Item" or "rmdir" or "unlink" or "del" or "shred" or "srm":
                Delete(program, parsed, invocation);
                break;
            case "truncate":
                foreach (var target in parsed.Positionals)
                {
                    AddPathOperation("file.truncate", Verb.Delete, Reversibility.Irreversible, target, invocation, "empties the file");
                }

                break;
            case "dd":
                Dd(argv, invocation);
                break;
            case "mkfs":
                var device = parsed.Positionals.LastOrDefault() ?? new Arg("(a device)", Known: false);
                AddDisk("disk.format", device, invocation, "formats a file system, erasing what was on it");
                break;
            case "chmod" or "chown" or "chgrp":
                Permissions(program, parsed, invocation);
                break;
            case "mv":
                Move(parsed, invocation);
                break;
            default:
                context.Add(new Operation { Kind = "exec.program", Verb = Verb.Execute, BlastRadius = BlastRadius.Workspace, Target = program, Evidence = invocation.Evidence, Tool = program }, invocation);
                break;
        }
    }

    private void Delete(string program, ParsedArgs parsed, Invocation invocation)
    {
        var recursive = program is "Remove-Item" or "del"
            ? HasPowerShellSwitch(parsed, "-recurse") || parsed.HasAny(["/s", "/S"])
            : parsed.HasAny(["-r", "-R", "--recursive"]);
        var targets = program == "Remove-Item"
            ? parsed.Positionals.Concat(parsed.ValuesOf(["-Path", "-LiteralPath", "-path", "-literalpath"])).ToList()
            : parsed.Positionals.Concat(parsed.Rest ?? []).ToList();
        if (targets.Count == 0 && parsed.Rest is null && program != "Remove-Item")
        {
            return;
        }

        foreach (var target in targets)
        {
            var kind = program == "shred" ? "file.shred" : recursive || target.Glob || !target.Known ? "file.delete.recursive" : "file.delete";
            AddPathOperation(kind, Verb.Delete, Reversibility.Irreversible, target, invocation, recursive ? "deletes recursively" : "deletes");
        }
    }

    /// <summary>PowerShell parameters are case-insensitive and may be abbreviated (<c>-r</c>, <c>-Rec</c>, <c>-Recurse</c>).</summary>
    private static bool HasPowerShellSwitch(ParsedArgs parsed, string name) =>
        parsed.Flags.Any(f => f.Length >= 2 && name.StartsWith(f, StringComparison.OrdinalIgnoreCase));

    private void Dd(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        foreach (var arg in argv.Skip(1))
        {
            if (arg.Text.StartsWith("of=", StringComparison.Ordinal))
            {
                var output = arg with { Text = arg.Text[3..] };
                var path = output.Known ? context.Paths.Classify(output.Text, invocation.Cwd) : null;
                if (path is null || PathClassifier.IsDevice(path.Path))
                {
                    AddDisk("disk.overwrite", output, invocation, "writes raw bytes over a device");
                }
                else
                {
                    AddPathOperation("file.overwrite", Verb.Write, Reversibility.Irreversible, output, invocation, "overwrites the file");
                }
            }
        }
    }

    private void Permissions(string program, ParsedArgs parsed, Invocation invocation)
    {
        var recursive = parsed.HasAny(["-R", "--recursive"]);
        var targets = parsed.Positionals.Skip(1).ToList();
        var mode = parsed.Positionals.FirstOrDefault()?.Text ?? "";
        // Recursive changes cannot be undone: the previous modes and owners are not kept anywhere.
        var reversibility = recursive || mode is "000" or "0000" or "a-rwx" ? Reversibility.Irreversible : Reversibility.Reversible;
        foreach (var target in targets)
        {
            AddPathOperation(recursive ? $"file.{program}.recursive" : $"file.{program}", Verb.Write, reversibility, target, invocation, $"{program} {mode}");
        }
    }

    private void Move(ParsedArgs parsed, Invocation invocation)
    {
        var positionals = parsed.Positionals;
        if (positionals.Count < 2)
        {
            return;
        }

        var destination = positionals[^1];
        var discard = destination.Known && destination.Text == "/dev/null";
        foreach (var source in positionals.Take(positionals.Count - 1))
        {
            if (discard)
            {
                AddPathOperation("file.delete.recursive", Verb.Delete, Reversibility.Irreversible, source, invocation, "moves to /dev/null, destroying it");
            }
            else
            {
                AddPathOperation("file.move", Verb.Write, Reversibility.Reversible, source, invocation, "moves away");
            }
        }

        if (!discard)
        {
            AddPathOperation("file.move", Verb.Write, Reversibility.Reversible, destination, invocation, "moves onto (may overwrite)");
        }
    }

    private void AddDisk(string kind, Arg device, Invocation invocation, string what)
    {
        context.Add(new Operation
        {
            Kind = kind,
            Verb = Verb.Delete,
            Reversibility = Reversibility.Irreversible,
            BlastRadius = BlastRadius.Catastrophic,
            Target = device.Text,
            Evidence = $"{what}: {invocation.Evidence}",
            Tool = "shell",
        }, invocation);
    }

    /// <summary>One operation on a path, with the blast radius of that path.</summary>
    public void AddPathOperation(string kind, Verb verb, Reversibility reversibility, Arg target, Invocation invocation, string what)
    {
        LocalPath? path = target.Known ? context.Paths.Classify(target.Text, invocation.Cwd, target.Glob) : null;
        var radius = path?.Radius ?? BlastRadius.Machine;
        if (invocation.CwdUnknown && path is not null && !path.Path.StartsWith('/') && !path.Path.StartsWith('~'))
        {
            radius = BlastRadius.Machine;
        }

        context.Add(new Operation
        {
            Kind = kind,
            Verb = verb,
            Reversibility = reversibility,
            BlastRadius = radius,
            Target = path?.Path ?? target.Text,
            Evidence = $"{what} '{target.Text}' ({(path is null ? "a path not known statically" : path.Reason)}): {invocation.Evidence}",
            Tool = "shell",
        }, invocation);
        if (path is not null && verb != Verb.Read)
        {
            SensitiveWrites.Flag(context, path, invocation);
        }
    }
}
