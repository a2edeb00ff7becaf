using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// <c>find</c>: <c>-delete</c> deletes what matches under each start path, and <c>-exec</c> /
/// <c>-execdir</c> / <c>-ok</c> run a command on each match, with <c>{}</c> standing for it.
/// </summary>
internal sealed class FindHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    private static readonly HashSet<string> NameTests = new(StringComparer.Ordinal) { "-name", "-iname", "-path", "-ipath", "-wholename", "-regex", "-iregex" };

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        var (paths, expression) = Split(argv);
        var names = expression.Zip(expression.Skip(1)).Where(p => NameTests.Contains(p.First.Text)).Select(p => p.Second).ToList();
        var matches = paths.Select(p => Matches(p, names)).ToList();
        var acted = false;

        for (var e = 0; e < expression.Count; e++)
        {
            var token = expression[e].Text;
            if (token == "-delete")
            {
                acted = true;
                var files = new FileHandler(context);
                foreach (var match in matches)
                {
                    files.AddPathOperation("file.delete.recursive", Verb.Delete, Reversibility.Irreversible, match, invocation, "find -delete removes what matches under");
                }
            }
            else if (token is "-exec" or "-execdir" or "-ok" or "-okdir")
            {
                acted = true;
                var end = e + 1;
                while (end < expression.Count && expression[end].Text is not (";" or "+"))
                {
                    end++;
                }

                var inner = expression.Skip(e + 1).Take(end - e - 1).ToList();
                foreach (var match in matches)
                {
                    var substituted = inner.Select(a => a.Text.Contains("{}", StringComparison.Ordinal) ? match with { Text = a.Text.Replace("{}", match.Text, StringComparison.Ordinal) } : a).ToList();
                    context.Note($"find {token} runs '{string.Join(' ', inner)}' on each match");
                    commands.Analyze(substituted, invocation.Nested(string.Join(' ', substituted)));
                }

                e = end;
            }
        }

        if (!acted)
        {
            context.Add(new Operation { Kind = "file.search", Verb = Verb.Read, Target = string.Join(' ', paths), Evidence = invocation.Evidence, Tool = "find" }, invocation);
        }
    }

    /// <summary>What <c>find</c> prints, as globs of its matches, so <c>find / | xargs rm -rf</c> is read as deleting under /.</summary>
    public static IReadOnlyList<Arg>? Outputs(IReadOnlyList<Arg> argv)
    {
        if (argv.Count == 0 || CommandNames.Program(argv[0].Text) is not ("find" or "fd"))
        {
            return null;
        }

        var (paths, expression) = Split(argv);
        var names = expression.Zip(expression.Skip(1)).Where(p => NameTests.Contains(p.First.Text)).Select(p => p.Second).ToList();
        return paths.Select(p => names.Count == 0 && expression.Any(e => e.Text == "-maxdepth") && expression.SkipWhile(e => e.Text != "-maxdepth").Skip(1).FirstOrDefault()?.Text == "0" ? p : Matches(p, names)).ToList();
    }

    private static (List<Arg> Paths, List<Arg> Expression) Split(IReadOnlyList<Arg> argv)
    {
        var args = argv.Skip(1).ToList();
        var i = 0;
        while (i < args.Count && (args[i].Text is "-H" or "-L" or "-P" || args[i].Text.StartsWith("-O", StringComparison.Ordinal)))
        {
            i++;
        }

        var paths = new List<Arg>();
        for (; i < args.Count && !IsExpressionStart(args[i]); i++)
        {
            paths.Add(args[i]);
        }

        if (paths.Count == 0)
        {
            paths.Add(new Arg("."));
        }

        return (paths, args.Skip(i).ToList());
    }

    private static bool IsExpressionStart(Arg arg) => arg.Known && (arg.Text.StartsWith('-') || arg.Text is "(" or "!" or "\\(");

    /// <summary>What a match under <paramref name="root"/> looks like: root/**/NAME when a name test narrows it.</summary>
    private static Arg Matches(Arg root, List<Arg> names)
    {
        var rootText = root.Text.TrimEnd('/');
        if (names.Count == 1 && names[0].Known)
        {
            var name = names[0].Text.StartsWith("./", StringComparison.Ordinal) ? names[0].Text[2..] : names[0].Text;
            return root with { Text = $"{(rootText.Length == 0 ? "" : rootText)}/**/{name}", Glob = true };
        }

        return root with { Text = $"{(rootText.Length == 0 ? "" : rootText)}/*", Glob = true };
    }
}
