using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// Interpreters: one-liners (<c>python -c</c> after any flags, <c>node -e</c>, <c>perl -e</c>,
/// <c>ruby -e</c>, <c>php -r</c>), scripts run by file (read and scanned), code on stdin, and scripts
/// that the catalog knows by name (<c>python manage.py flush</c>).
/// </summary>
internal sealed class InterpreterHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var program = CommandNames.Program(argv[0].Text);
        var language = LanguageOf(program);
        var args = argv.Skip(1).ToList();
        var scanner = new CodeScanner(context, commands);
        var codeGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var text = arg.Text;
            if ((IsCodeOption(language, text) || IsBundleEndingInCode(language, text)) && i + 1 < args.Count)
            {
                var code = args[i + 1];
                if (!code.Known)
                {
                    Unknown(invocation, "runs interpreter code that is not known statically");
                    return;
                }

                context.Note($"{program} {text} runs: {ShellAnalyzer.Truncate(code.Text, 200)}");
                scanner.Scan(language, code.Text, invocation);
                codeGiven = true;
                // perl and ruby accept several -e; keep reading.
                i++;
                continue;
            }

            if (text.StartsWith('-') && text.Length > 1)
            {
                if (language == "python" && text.StartsWith("-c", StringComparison.Ordinal) && text.Length > 2)
                {
                    scanner.Scan(language, text[2..], invocation);
                    return;
                }

                if (TakesValue(language, text))
                {
                    i++;
                }

                if (language == "python" && text == "-m")
                {
                    return;
                }

                continue;
            }

            if (program == "bun" && BunAsNpm(args, i) is { } npm)
            {
                commands.Analyze(npm, invocation);
                return;
            }

            if (program == "bun" && BunProjectCommands.Contains(text))
            {
                context.Add(new Operation { Kind = "exec.program", Verb = Verb.Execute, BlastRadius = BlastRadius.Workspace, Target = $"bun {text}", Evidence = invocation.Evidence, Tool = "bun" }, invocation);
                return;
            }

            if (text == "-" || (program is "deno" or "bun" && text is "run" or "eval" or "x"))
            {
                if (text == "eval" && i + 1 < args.Count)
                {
                    scanner.Scan("javascript", args[i + 1].Text, invocation);
                    return;
                }

                continue;
            }

            // After -e code, the rest are the code's arguments (files perl -n reads), not a script.
            if (!codeGiven)
            {
                RunScript(arg, args.Skip(i + 1).ToList(), language, invocation, scanner);
            }

            return;
        }

        if (invocation.Stdin.Present)
        {
            if (invocation.Stdin.Text is null)
            {
                Unknown(invocation, "input piped to an interpreter cannot be read before it runs");
                return;
            }

            scanner.Scan(language, invocation.Stdin.Text, invocation);
        }
    }

    private static readonly HashSet<string> BunPackageCommands = new(StringComparer.Ordinal)
    {
        "install", "i", "add", "a", "remove", "rm", "update", "outdated", "link", "unlink", "pm", "publish", "audit", "ci",
    };

    /// <summary>bun's own commands that build, test or scaffold inside the project.</summary>
    private static readonly HashSet<string> BunProjectCommands = new(StringComparer.Ordinal)
    {
        "test", "build", "init", "create", "upgrade", "repl",
    };

    /// <summary>
    /// bun is also a package manager and runner: `bun add -g x` is judged like `npm add -g x`, `bun x tool`
    /// like `bunx tool`, and `bun run dev` or `bun dev` (a package.json script) like `npm run dev`.
    /// Null when the arguments run a file, evaluate code, or are one of bun's project commands.
    /// </summary>
    private static List<Arg>? BunAsNpm(IReadOnlyList<Arg> args, int i)
    {
        var text = args[i].Text;
        if (BunPackageCommands.Contains(text))
        {
            return [new Arg("npm"), .. args.Skip(i)];
        }

        if (text is "x" or "exec")
        {
            return [new Arg("bunx"), .. args.Skip(i + 1)];
        }

        var scriptAt = i;
        if (text == "run")
        {
            // `bun run --hot src/server.ts`: bun's own options come before the script or file.
            do
            {
                scriptAt++;
            }
            while (scriptAt < args.Count && args[scriptAt].Text.StartsWith('-'));
        }

        if (scriptAt >= args.Count || text == "eval" || BunProjectCommands.Contains(text) || IsFilePath(args[scriptAt].Text))
        {
            return null;
        }

        return [new Arg("npm"), new Arg("run"), .. args.Skip(scriptAt)];
    }

    private static bool IsFilePath(string text) => text.Contains('.', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal);

    private void RunScript(Arg script, List<Arg> rest, string language, Invocation invocation, CodeScanner scanner)
    {
        var name = CommandNames.Program(script.Text);
        if (context.Catalog.Find(name) is not null)
        {
            context.Note($"the script '{name}' is in the catalog");
            commands.Analyze([script with { Text = name }, .. rest], invocation);
            return;
        }

        if (!script.Known)
        {
            Unknown(invocation, "runs a script whose name is not known statically");
            return;
        }

        var path = context.ClassifyPath(script.Text, invocation);
        var text = context.WrittenFile(path.Path) ?? ScriptFiles.TryRead(path.Path, context);
        if (text is null)
        {
            Unknown(invocation, $"runs the script '{script.Text}', which cannot be read");
            return;
        }

        context.Note($"reads the script '{path.Path}' ({text.Length} characters)");
        scanner.Scan(language, text, invocation with { Evidence = $"in {script.Text}" });
    }

    public static string? LanguageOfShebang(string script)
    {
        if (!script.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var line = script[..Math.Max(script.IndexOf('\n', StringComparison.Ordinal), 0)];
        foreach (var candidate in new[] { "python", "node", "perl", "ruby", "php", "deno", "bun" })
        {
            if (line.Contains(candidate, StringComparison.Ordinal))
            {
                return LanguageOf(candidate);
            }
        }

        return null;
    }

    private static string LanguageOf(string program) => program switch
    {
        _ when program.StartsWith("python", StringComparison.Ordinal) || program is "pypy" or "pypy3" => "python",
        "node" or "nodejs" or "deno" or "bun" or "tsx" or "ts-node" => "javascript",
        "perl" => "perl",
        "ruby" => "ruby",
        "php" => "php",
        _ => "unknown",
    };

    private static bool IsCodeOption(string language, string option) => language switch
    {
        "python" => option == "-c",
        "javascript" => option is "-e" or "--eval" or "-p" or "--print",
        "perl" => option is "-e" or "-E",
        "ruby" => option == "-e",
        "php" => option == "-r",
        _ => false,
    };

    /// <summary>Perl and Ruby bundle flags with -e: <c>-ne</c>, <c>-pie</c>, <c>-lane</c>.</summary>
    private static bool IsBundleEndingInCode(string language, string option) =>
        language is "perl" or "ruby" && option.Length > 2 && option[0] == '-' && option[1] != '-' && option[^1] is 'e' or 'E' && option.All(c => c == '-' || char.IsAsciiLetter(c));

    private static bool TakesValue(string language, string option) => language switch
    {
        "python" => option is "-W" or "-X" or "-Q",
        "javascript" => option is "-r" or "--require" or "--import" or "--loader" or "--env-file",
        "perl" => option is "-I" or "-M" or "-m",
        "ruby" => option is "-r" or "-I" or "-C",
        "php" => option is "-d" or "-c",
        _ => false,
    };

    private void Unknown(Invocation invocation, string why)
    {
        context.Add(KnownOperations.Unanalyzable("exec.unanalyzable", invocation.Evidence, $"{why}: {invocation.Evidence}", "interpreter"), invocation);
    }
}
