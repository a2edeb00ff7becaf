using System.Text;
using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// Programs that run shell code: <c>bash -c STRING</c> (any flags bundled with c), a shell reading a
/// script file or its stdin, <c>eval</c>, <c>source</c>, a script run by path, and PowerShell's
/// <c>-Command</c> / <c>-EncodedCommand</c>. The code is analyzed like the outer command.
/// </summary>
internal sealed class ShellHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    private static readonly HashSet<string> ShellValueOptions = new(StringComparer.Ordinal) { "-o", "+o", "-O", "+O", "--rcfile", "--init-file" };

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        if (entry is null)
        {
            RunScriptFile(argv[0], invocation);
            return;
        }

        switch (entry.Handler)
        {
            case "eval" when CommandNames.Program(argv[0].Text) is "iex" or "Invoke-Expression" && (argv.Count != 2 || invocation.Stdin.Present):
                // PowerShell's Invoke-Expression runs the *output* of its argument (iex (iwr URL)): unknown code.
                Unknown(invocation, "Invoke-Expression runs code computed at run time", invocation.Evidence);
                return;
            case "eval":
                RunText(argv.Skip(1).ToList(), invocation, "eval");
                return;
            case "source":
                if (argv.Count > 1)
                {
                    RunScriptFile(argv[1], invocation);
                }

                return;
        }

        var program = CommandNames.Program(argv[0].Text);
        if (program is "pwsh" or "powershell")
        {
            PowerShell(argv, invocation);
            return;
        }

        if (program is "cmd")
        {
            // cmd /c COMMAND (or /k): the rest of the line is one cmd.exe command.
            var rest = argv.Skip(1).SkipWhile(a => !a.Text.Equals("/c", StringComparison.OrdinalIgnoreCase) && !a.Text.Equals("/k", StringComparison.OrdinalIgnoreCase)).Skip(1).ToList();
            if (rest.Count > 0)
            {
                RunText([new Arg(WindowsShell.Normalize(string.Join(' ', rest.Select(a => a.Text))), rest.All(a => a.Known))], invocation, "cmd /c");
            }

            return;
        }

        if (program is "script")
        {
            // script -c COMMAND [file] records a session of COMMAND; without -c it only records.
            var command = argv.Skip(1).SkipWhile(a => !(a.Text.StartsWith('-') && !a.Text.StartsWith("--", StringComparison.Ordinal) && a.Text.Contains('c', StringComparison.Ordinal)) && a.Text != "--command").Skip(1).FirstOrDefault();
            if (command is not null)
            {
                RunText([command], invocation, "script -c");
            }

            return;
        }

        if (program == "su")
        {
            // su [options] [-] [user] -c COMMAND: the user is not a script; only -c runs something.
            var command = argv.Skip(1).SkipWhile(a => a.Text is not ("-c" or "--command")).Skip(1).FirstOrDefault()
                ?? argv.Skip(1).Where(a => a.Text.StartsWith("--command=", StringComparison.Ordinal)).Select(a => a with { Text = a.Text[10..] }).FirstOrDefault();
            if (command is not null)
            {
                RunText([command], invocation, "su -c");
            }

            return;
        }

        var args = argv.Skip(1).ToList();
        for (var i = 0; i < args.Count; i++)
        {
            var text = args[i].Text;
            if (ShellValueOptions.Contains(text))
            {
                i++;
                continue;
            }

            if (text == "--" || !text.StartsWith('-') && !text.StartsWith('+'))
            {
                var script = text == "--" ? (i + 1 < args.Count ? args[i + 1] : null) : args[i];
                if (script is not null)
                {
                    RunScriptFile(script, invocation);
                }
                else
                {
                    RunStdin(invocation);
                }

                return;
            }

            // -c in any bundle (-c, -lc, -xec, --command for some shells): the next operand is the code.
            if ((text.Length > 1 && text[1] != '-' && text.Contains('c', StringComparison.Ordinal)) || text is "--command")
            {
                var code = args.Skip(i + 1).FirstOrDefault();
                if (code is null)
                {
                    return;
                }

                // Words after the code are its $0, $1, …: sh -c 'rm -rf "$0"' ~ deletes the home folder.
                var parameters = args.Skip(i + 2).ToList();
                var scope = invocation.Scope.Clone();
                if (parameters.Count > 0 && parameters.All(p => p.Known))
                {
                    scope.Set("0", parameters[0].Text, parameters[0].Tainted);
                    scope.Positional = parameters.Skip(1).Select(p => p.Text).ToList();
                }

                RunText([code], invocation with { Scope = scope }, $"{entry.Names[0]} -c");
                return;
            }

            if (text.Length > 1 && text[1] != '-' && text.Contains('s', StringComparison.Ordinal))
            {
                RunStdin(invocation);
                return;
            }
        }

        RunStdin(invocation);
    }

    private void RunText(IReadOnlyList<Arg> words, Invocation invocation, string how)
    {
        if (words.Any(w => !w.Known))
        {
            Unknown(invocation, $"{how} runs code that is not known statically", string.Join(' ', words.Select(w => w.Text)));
            return;
        }

        var code = string.Join(' ', words.Select(w => w.Text));
        context.Note($"{how} runs: {ShellAnalyzer.Truncate(code, 200)}");
        commands.Shell.AnalyzeScript(code, invocation.Nested(ShellAnalyzer.Truncate(code, 300)));
    }

    private void RunStdin(Invocation invocation)
    {
        if (!invocation.Stdin.Present)
        {
            return;
        }

        if (invocation.Stdin.Text is null)
        {
            Unknown(invocation, "input piped to a shell cannot be read before it runs", invocation.Evidence);
            return;
        }

        context.Note($"the shell runs its stdin: {ShellAnalyzer.Truncate(invocation.Stdin.Text, 200)}");
        commands.Shell.AnalyzeScript(invocation.Stdin.Text, invocation.Nested(ShellAnalyzer.Truncate(invocation.Stdin.Text.Trim(), 300)));
    }

    /// <summary>Reads a script the command would run (bounded), including one written earlier in the same command.</summary>
    public void RunScriptFile(Arg script, Invocation invocation)
    {
        if (!script.Known)
        {
            Unknown(invocation, "runs a script whose name is not known statically", script.Text);
            return;
        }

        var path = context.ClassifyPath(script.Text, invocation);
        var text = context.WrittenFile(path.Path) ?? ScriptFiles.TryRead(path.Path, context);
        if (text is null)
        {
            Unknown(invocation, $"runs the script '{script.Text}', which cannot be read", script.Text);
            return;
        }

        if (!context.TryEnterNested())
        {
            Unknown(invocation, "nested scripts exceed what Airlock analyzes in one call", script.Text);
            return;
        }

        context.Note($"reads the script '{path.Path}' ({text.Length} characters)");
        var language = InterpreterHandler.LanguageOfShebang(text);
        var inner = invocation with { Evidence = $"in {script.Text}", Depth = invocation.Depth + 1, Stdin = Stdin.None, Scope = new ShellScope(invocation.Cwd) };
        if (language is null)
        {
            commands.Shell.AnalyzeScript(text, inner with { Depth = 0 });
        }
        else
        {
            new CodeScanner(context, commands).Scan(language, text, inner);
        }
    }

    private void PowerShell(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var args = argv.Skip(1).ToList();
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i].Text.ToLowerInvariant();
            if (option is "-encodedcommand" or "-enc" or "-e" or "-ec" && i + 1 < args.Count)
            {
                var decoded = DecodeUtf16Base64(args[i + 1].Text);
                if (decoded is null || !args[i + 1].Known)
                {
                    Unknown(invocation, "runs an encoded PowerShell command that cannot be decoded", args[i + 1].Text);
                    return;
                }

                var script = WindowsShell.Normalize(decoded);
                commands.Shell.AnalyzeScript(script, invocation.Nested(ShellAnalyzer.Truncate(script, 300)));
                return;
            }

            if (option is "-command" or "-c")
            {
                var words = args.Skip(i + 1).ToList();
                RunText([new Arg(WindowsShell.Normalize(string.Join(' ', words.Select(a => a.Text))), words.All(a => a.Known))], invocation, "PowerShell -Command");
                return;
            }

            if (option is "-file" or "-f" && i + 1 < args.Count)
            {
                RunScriptFile(args[i + 1], invocation);
                return;
            }
        }
    }

    private static string? DecodeUtf16Base64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Encoding.Unicode.GetString(buffer, 0, written) : null;
    }

    private void Unknown(Invocation invocation, string why, string target)
    {
        context.Add(KnownOperations.Unanalyzable("exec.unanalyzable", target, $"{why}: {invocation.Evidence}", "shell"), invocation);
    }
}
