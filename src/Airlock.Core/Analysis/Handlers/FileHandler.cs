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
            case "rm" or "Remove-Item" or "rmdir" or "unlink" or "del" or "shred" or "srm" or "rimraf" or "del-cli":
                Delete(program, CommandNames.Program(argv[0].Text), parsed, invocation);
                break;
            case "Set-Content" or "sc" or "Add-Content" or "ac" or "Out-File" or "New-Item" or "ni":
                foreach (var target in parsed.ValuesOf(["-Path", "-FilePath", "-path", "-filepath"]).Concat(parsed.Positionals.Take(1)))
                {
                    AddWrite(target, invocation, "file.overwrite", $"{program} writes");
                }

                break;
            case "tee":
                foreach (var target in parsed.Positionals)
                {
                    AddWrite(target, invocation, parsed.HasAny(["-a", "--append"]) ? "file.append" : "file.overwrite", "tee writes");
                }

                break;
            case "cp" or "install" or "Copy-Item" or "ln":
                Copy(parsed, invocation);
                break;
            case "sed" or "gsed":
                EditInPlace(parsed, invocation);
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

    private void Delete(string program, string invoked, ParsedArgs parsed, Invocation invocation)
    {
        var recursive = program switch
        {
            "Remove-Item" => HasPowerShellSwitch(parsed, "-recurse") || parsed.Positionals.Any(p => p.Text is "/s" or "/S"),
            "rimraf" or "del-cli" => true,
            _ => parsed.HasAny(["-r", "-R", "--recursive"]),
        };
        var targets = program == "Remove-Item"
            ? parsed.Positionals.Concat(parsed.ValuesOf(["-Path", "-LiteralPath", "-path", "-literalpath"])).ToList()
            : parsed.Positionals.Concat(parsed.Rest ?? []).ToList();
        if (invoked is "del" or "erase" or "rd" or "rmdir")
        {
            // cmd's switches are /s /q /f, not paths; PowerShell's `rd a, b` lists with commas.
            targets = targets.Where(t => !(t.Text.Length == 2 && t.Text[0] == '/' && char.IsAsciiLetter(t.Text[1]))).ToList();
        }

        targets = targets.SelectMany(t => t.Known && t.Text.Length > 1 && t.Text.EndsWith(',') ? [t with { Text = t.Text.TrimEnd(',') }] : new[] { t }).ToList();
        if (targets.Count == 0 && parsed.Rest is null && program != "Remove-Item")
        {
            return;
        }

        foreach (var target in targets)
        {
            // With -r, a name like package-lock.json is still one file: only folders and globs recurse.
            var kind = program == "shred" ? "file.shred" : (recursive && !LooksLikeAFile(target)) || target.Glob || !target.Known ? "file.delete.recursive" : "file.delete";
            AddPathOperation(kind, Verb.Delete, Reversibility.Irreversible, target, invocation, recursive ? "deletes recursively" : "deletes");
        }
    }

    private static bool LooksLikeAFile(Arg target)
    {
        if (!target.Known || target.Glob)
        {
            return false;
        }

        var name = target.Text.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot - 1 is >= 1 and <= 8 && name[(dot + 1)..].All(char.IsAsciiLetterOrDigit) && !target.Text.EndsWith('/');
    }

    private void Copy(ParsedArgs parsed, Invocation invocation)
    {
        var destination = parsed.Value("-t") ?? parsed.Value("--target-directory") ?? (parsed.Positionals.Count >= 2 ? parsed.Positionals[^1] : null);
        if (destination is not null)
        {
            AddWrite(destination, invocation, "file.copy", "copies onto");
        }
    }

    /// <summary>sed -i edits its files in place; without -i it only prints.</summary>
    private void EditInPlace(ParsedArgs parsed, Invocation invocation)
    {
        if (!parsed.Flags.Any(f => f.StartsWith("-i", StringComparison.Ordinal) || f.StartsWith("--in-place", StringComparison.Ordinal)))
        {
            context.Add(new Operation { Kind = "file.read", Verb = Verb.Read, Target = "sed", Evidence = invocation.Evidence, Tool = "sed" }, invocation);
            return;
        }

        var scriptGiven = parsed.HasAny(["-e", "--expression", "-f", "--file"]);
        foreach (var file in parsed.Positionals.Skip(scriptGiven ? 0 : 1))
        {
            AddWrite(file, invocation, "file.edit", "edits in place");
        }
    }

    private void AddWrite(Arg target, Invocation invocation, string kind, string what) =>
        AddPathOperation(kind, Verb.Write, Reversibility.Reversible, target, invocation, what);

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
                var path = output.Known ? context.ClassifyPath(output.Text, invocation) : null;
                if (path is null || PathClassifier.IsDevice(path.Path))
                {
                    AddDisk("disk.overwrite", output, invocation, "writes raw bytes over a device");
                }
                else
                {
                    AddPathOperation("file.overwrite", Verb.Write, Reversibility.Reversible, output, invocation, "overwrites the file");
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
        LocalPath? path = target.Known ? context.ClassifyPath(target.Text, invocation, target.Glob) : null;
        var radius = path?.Radius ?? BlastRadius.Machine;
        if (path is null && !target.Text.StartsWith('$') && target.Text.Length > 0)
        {
            // Not known, but it has a likely value (${TARGET:-$HOME}): the worse of the two readings.
            var likely = context.ClassifyPath(target.Text, invocation, target.Glob);
            radius = likely.Radius > radius ? likely.Radius : radius;
        }

        if (path is not null && verb == Verb.Write && PathClassifier.IsDevice(path.Path))
        {
            (kind, verb, reversibility) = ("disk.overwrite", Verb.Delete, Reversibility.Irreversible);
        }

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
        if (path is not null && verb != Verb.Read && !kind.StartsWith("file.ch", StringComparison.Ordinal))
        {
            SensitiveWrites.Flag(context, path, invocation, credentials: verb == Verb.Write);
        }
    }
}
