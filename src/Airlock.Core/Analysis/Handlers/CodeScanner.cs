using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// Reads interpreter code (Python, JavaScript, Perl, Ruby, PHP) lexically: string literals and the
/// calls they are passed to. Shell calls (<c>os.system</c>, <c>subprocess.run([...])</c>,
/// <c>execSync</c>, backquotes) are analyzed as shell; file deletions, SQL text, credential paths and
/// the environment sent over the network are reported; dynamic code (<c>exec(x)</c>) is unknown.
/// It does not execute or fully parse the language, so what it cannot see it reports as unknown.
/// </summary>
internal sealed class CodeScanner(AnalysisContext context, CommandAnalyzer commands)
{
    private static readonly HashSet<string> ShellCalls = new(StringComparer.Ordinal)
    {
        "system", "popen", "getoutput", "getstatusoutput", "check_output", "check_call", "Popen", "execSync", "spawn", "spawnSync",
        "execFile", "execFileSync", "shell_exec", "passthru", "proc_open", "capture2", "capture2e", "capture3", "popen3", "spawnv", "spawnvp",
        "execv", "execvp", "execl", "execlp", "run_command", "call", "run", "exec", "$",
    };

    private static readonly HashSet<string> CodeEvalCalls = new(StringComparer.Ordinal) { "eval", "exec", "compile", "Function", "instance_eval", "class_eval", "execfile" };

    private static readonly HashSet<string> RecursiveDeleteCalls = new(StringComparer.Ordinal)
    {
        "rmtree", "rmSync", "rm", "rimraf", "remove_tree", "rm_rf", "rm_r", "remove_dir", "remove_entry", "remove_entry_secure", "emptyDir", "emptyDirSync", "rmdirSync", "rmdir", "removeSync",
    };

    private static readonly HashSet<string> DeleteCalls = new(StringComparer.Ordinal) { "remove", "unlink", "unlinkSync", "delete", "rm_f", "safe_unlink" };

    private static readonly string[] NetworkWords = ["requests.", "urllib", "urlopen", "http.client", "httpx", "aiohttp", "fetch(", "axios", "http.request", "https.request", "socket", "Net::HTTP", "LWP", "HTTP::Tiny", "curl_exec", "XMLHttpRequest", "smtplib", "ftplib", "paramiko"];

    private static readonly string[] EnvironmentWords = ["os.environ", "process.env", "ENV", "%ENV", "getenv", "$_ENV", "$_SERVER", "environ"];

    public void Scan(string language, string code, Invocation invocation)
    {
        var tokens = CodeTokenizer.Tokenize(code, language);
        var database = DatabaseLocation.FromCode(code);
        var before = context.OperationCount;
        var readsCredentials = false;

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == CodeTokenKind.ShellString)
            {
                AnalyzeShell(token.Text, invocation);
                continue;
            }

            if (token.Kind == CodeTokenKind.String)
            {
                readsCredentials |= CheckLiteral(token.Text, invocation, database);
                continue;
            }

            if (token.Kind == CodeTokenKind.Identifier && i + 1 < tokens.Count && tokens[i + 1].Text == "(")
            {
                Call(language, token.Text, Arguments(tokens, i + 1), invocation);
            }
        }

        var sendsNetwork = NetworkWords.Any(w => code.Contains(w, StringComparison.Ordinal));
        var readsEnvironment = EnvironmentWords.Any(w => code.Contains(w, StringComparison.Ordinal));
        if (sendsNetwork && (readsEnvironment || readsCredentials))
        {
            context.Add(new Operation
            {
                Kind = "credential.exfiltrate",
                Verb = Verb.Exfiltrate,
                Reversibility = Reversibility.Irreversible,
                BlastRadius = BlastRadius.Remote,
                Environment = DeploymentEnvironment.Unknown,
                Target = "the network",
                Evidence = $"{language} code reads {(readsCredentials ? "a credential store" : "the environment")} and makes network calls: {invocation.Evidence}",
                Tool = language,
            }, invocation);
        }

        if (context.OperationCount == before)
        {
            context.Add(new Operation { Kind = "exec.code", Verb = Verb.Execute, BlastRadius = BlastRadius.Workspace, Target = language, Evidence = invocation.Evidence, Tool = language }, invocation);
        }
    }

    private void Call(string language, string chain, List<List<CodeToken>> arguments, Invocation invocation)
    {
        var name = chain[(Math.Max(chain.LastIndexOf('.'), chain.LastIndexOf(':')) + 1)..];
        var first = arguments.FirstOrDefault() ?? [];
        var literal = first is [{ Kind: CodeTokenKind.String } only] ? only.Text : null;

        if (CodeEvalCalls.Contains(name) && IsCodeEval(language, chain, name))
        {
            if (literal is not null && context.TryEnterNested())
            {
                Scan(language, literal, invocation);
            }
            else
            {
                Unknown(invocation, $"{chain}() runs code built at run time");
            }

            return;
        }

        if (ShellCalls.Contains(name) && IsShellCall(chain, name))
        {
            if (first.Count > 0 && first[0].Text == "[")
            {
                var words = first.Where(t => t.Kind == CodeTokenKind.String).Select(t => new Arg(t.Text)).ToList();
                var complete = first.All(t => t.Kind == CodeTokenKind.String || t.Text is "[" or "]" or ",");
                if (words.Count > 0 && complete)
                {
                    commands.Analyze(words, invocation.Nested(string.Join(' ', words)));
                    return;
                }
            }
            else if (literal is not null)
            {
                if (name is "spawn" or "spawnSync" or "execFile" or "execFileSync" && arguments.Count > 1)
                {
                    var argv = arguments[1].Where(t => t.Kind == CodeTokenKind.String).Select(t => new Arg(t.Text)).Prepend(new Arg(literal)).ToList();
                    commands.Analyze(argv, invocation.Nested(string.Join(' ', argv)));
                }
                else
                {
                    AnalyzeShell(literal, invocation);
                }

                return;
            }

            Unknown(invocation, $"{chain}() runs a command built at run time");
            return;
        }

        if (RecursiveDeleteCalls.Contains(name) || DeleteCalls.Contains(name))
        {
            if (name is "remove" or "delete" or "rm" or "run" && !LooksLikeFileCall(chain))
            {
                return;
            }

            var target = literal is null ? new Arg($"{chain}(…)", Known: false) : new Arg(literal);
            var kind = RecursiveDeleteCalls.Contains(name) ? "file.delete.recursive" : "file.delete";
            new FileHandler(context).AddPathOperation(kind, Verb.Delete, Reversibility.Irreversible, target, invocation, $"{chain}() deletes");
        }
    }

    private static bool IsCodeEval(string language, string chain, string name) => name switch
    {
        // JavaScript's exec is child_process.exec or RegExp.exec, not code evaluation.
        "exec" => language is "python" && chain == "exec",
        "compile" => language == "python" && chain == "compile",
        _ => !chain.Contains('.', StringComparison.Ordinal) || chain.EndsWith("." + name, StringComparison.Ordinal) && language == "ruby",
    };

    private static bool IsShellCall(string chain, string name) => name switch
    {
        "call" or "run" => chain.Contains("subprocess", StringComparison.Ordinal),
        "exec" => chain.Contains("child_process", StringComparison.Ordinal) || chain is "exec" or "cp.exec" or "Kernel.exec",
        "$" => true,
        _ => true,
    };

    private static bool LooksLikeFileCall(string chain) =>
        chain.Contains("os.", StringComparison.Ordinal) || chain.Contains("fs", StringComparison.Ordinal) || chain.Contains("File", StringComparison.Ordinal)
        || chain.Contains("shutil", StringComparison.Ordinal) || chain.Contains("Path", StringComparison.Ordinal);

    private void AnalyzeShell(string script, Invocation invocation)
    {
        context.Note("the code runs a shell command: " + ShellAnalyzer.Truncate(script, 200));
        commands.Shell.AnalyzeScript(script, invocation.Nested(ShellAnalyzer.Truncate(script, 300)));
    }

    /// <summary>SQL and credential paths in any literal; returns whether it names a credential store.</summary>
    private bool CheckLiteral(string text, Invocation invocation, DatabaseLocation database)
    {
        if (SqlText.LooksLikeSql(text))
        {
            SqlText.Report(context, text, invocation, "code", database);
            return false;
        }

        if (text.Length is > 1 and < 4096 && (text.Contains('/', StringComparison.Ordinal) || text.StartsWith('~') || text.StartsWith('.')))
        {
            var path = context.Paths.Classify(text, invocation.Cwd);
            if (path.IsCredentialStore)
            {
                commands.AddCredentialRead(path, invocation);
                return true;
            }
        }

        return false;
    }

    private static List<List<CodeToken>> Arguments(List<CodeToken> tokens, int open)
    {
        var arguments = new List<List<CodeToken>>();
        var current = new List<CodeToken>();
        var depth = 0;
        for (var i = open; i < tokens.Count && i < open + 4096; i++)
        {
            var text = tokens[i].Kind == CodeTokenKind.Punctuation ? tokens[i].Text : null;
            if (text is "(" or "[" or "{")
            {
                depth++;
                if (depth == 1)
                {
                    continue;
                }
            }
            else if (text is ")" or "]" or "}")
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (text == "," && depth == 1)
            {
                arguments.Add(current);
                current = [];
                continue;
            }

            current.Add(tokens[i]);
        }

        arguments.Add(current);
        return arguments;
    }

    private void Unknown(Invocation invocation, string why)
    {
        context.Add(new Operation
        {
            Kind = "exec.dynamic",
            Verb = Verb.ExecuteUnknown,
            Reversibility = Reversibility.Irreversible,
            BlastRadius = BlastRadius.Machine,
            Target = ShellAnalyzer.Truncate(invocation.Evidence, 120),
            Evidence = $"{why}: {invocation.Evidence}",
            Tool = "interpreter",
        }, invocation);
    }
}
