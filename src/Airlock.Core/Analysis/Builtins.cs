using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>Shell builtins that change what later commands mean: cd, export and friends, read, unset, eval, source.</summary>
internal static class Builtins
{
    private static readonly HashSet<string> Declarations = new(StringComparer.Ordinal) { "export", "declare", "typeset", "local", "readonly" };

    public static bool TryApply(string name, IReadOnlyList<Arg> argv, Invocation invocation, CommandAnalyzer commands)
    {
        switch (name)
        {
            case "cd" or "pushd":
                ChangeDirectory(argv, invocation);
                return true;
            case "popd":
                invocation.Scope.Set("PWD", null, tainted: false);
                return true;
            case var _ when Declarations.Contains(name):
                Declare(argv, invocation, commands);
                return true;
            case "alias":
                foreach (var arg in argv.Skip(1).Where(a => a.Known && a.Text.IndexOf('=', StringComparison.Ordinal) > 0))
                {
                    var equals = arg.Text.IndexOf('=', StringComparison.Ordinal);
                    commands.Context.ShellAliases[arg.Text[..equals]] = arg.Text[(equals + 1)..];
                }

                return true;
            case "unset":
                foreach (var arg in argv.Skip(1).Where(a => !a.Text.StartsWith('-')))
                {
                    invocation.Scope.Set(arg.Text, "", tainted: false);
                }

                return true;
            case "read" or "mapfile" or "readarray" or "getopts":
                foreach (var arg in argv.Skip(1).Where(a => a.Known && !a.Text.StartsWith('-') && IsName(a.Text)))
                {
                    invocation.Scope.Set(arg.Text, null, invocation.Stdin.Tainted);
                }

                return true;
            case "set" when argv.Skip(1).FirstOrDefault()?.Text == "--":
                invocation.Scope.Positional = argv.Skip(2).All(a => a.Known) ? argv.Skip(2).Select(a => a.Text).ToList() : null;
                return true;
            case "true" or "false" or ":" or "shift":
                return true;
            default:
                return false;
        }
    }

    private static void ChangeDirectory(IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var target = argv.Skip(1).FirstOrDefault(a => !a.Text.StartsWith('-') || a.Text == "-");
        if (target is null)
        {
            invocation.Scope.Set("PWD", "~", tainted: false);
            return;
        }

        if (!target.Known || target.Text == "-")
        {
            invocation.Scope.Set("PWD", null, tainted: false);
            return;
        }

        var current = invocation.Cwd;
        var resolved = PathClassifier.Resolve(target.Text, current);
        invocation.Scope.Set("PWD", resolved, tainted: false);
    }

    private static void Declare(IReadOnlyList<Arg> argv, Invocation invocation, CommandAnalyzer commands)
    {
        var printsEnvironment = true;
        foreach (var arg in argv.Skip(1))
        {
            if (arg.Text.StartsWith('-') && arg.Known)
            {
                continue;
            }

            printsEnvironment = false;
            var equals = arg.Text.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && IsName(arg.Text[..equals]))
            {
                invocation.Scope.Set(arg.Text[..equals], arg.Known ? arg.Text[(equals + 1)..] : null, arg.Tainted);
            }
        }

        if (printsEnvironment && argv[0].Text is "export" or "declare" or "typeset")
        {
            // `export -p` and bare `declare` print every variable: the environment, with its secrets.
            commands.Context.Add(new Operation { Kind = "env.read", Verb = Verb.Read, Target = "the environment", Evidence = invocation.Evidence, Tool = "shell" }, invocation);
        }
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
