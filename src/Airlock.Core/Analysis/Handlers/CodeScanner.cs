using Airlock.Http;
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
        "rmtree", "rmSync", "rm", "rimraf", "remove_tree", "rm_rf", "rm_r", "remove_dir", "remove_entry", "remove_entry_secure", "emptyDir", "emptyDirSync", "rmdirSync", "rmdir", "removeSync", "remove_dir_all",
    };

    private static readonly HashSet<string> DeleteCalls = new(StringComparer.Ordinal) { "remove", "unlink", "unlinkSync", "delete", "rm_f", "safe_unlink" };

    private static readonly string[] NetworkWords = ["requests.", "urllib", "urlopen", "http.client", "httpx", "aiohttp", "fetch(", "axios", "http.request", "https.request", "socket", "Net::HTTP", "LWP", "HTTP::Tiny", "curl_exec", "XMLHttpRequest", "smtplib", "ftplib", "paramiko"];

    /// <summary>SQL text in code runs only where the code talks to a database; a printed string is just text.</summary>
    private static readonly string[] DatabaseWords = ["execute", "query", "cursor", "exec", "raw(", "prepare", "sql", "knex", "sequelize", "prisma", "db.", "conn", "session", "client", "pool", "dbh", "pdo", "activerecord"];

    private static readonly string[] EnvironmentWords = ["os.environ", "process.env", "ENV", "%ENV", "getenv", "$_ENV", "$_SERVER", "environ"];

    public void Scan(string language, string code, Invocation invocation)
    {
        var tokens = CodeTokenizer.Tokenize(code, language);
        var database = DatabaseLocation.FromCode(code);
        var touchesDatabase = DatabaseWords.Any(w => code.Contains(w, StringComparison.OrdinalIgnoreCase));
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
                readsCredentials |= CheckLiteral(token.Text, invocation, database, touchesDatabase);
                continue;
            }

            if (token.Kind == CodeTokenKind.Identifier && i + 1 < tokens.Count && tokens[i + 1].Text == "(")
            {
                Call(language, token.Text, Arguments(tokens, i + 1), invocation, database, Receiver(tokens, i));
            }
        }

        var sendsNetwork = NetworkWords.Any(w => code.Contains(w, StringComparison.Ordinal));
        var readsEnvironment = EnvironmentWords.Any(w => code.Contains(w, StringComparison.Ordinal));
        if (sendsNetwork && (readsEnvironment || readsCredentials))
        {
            var source = readsCredentials ? "a credential store" : "the environment";
            NetworkHandler.AddExfiltration(context, "the network", $"{language} code reads {source} and makes network calls", invocation, tool: language);
        }

        if (context.OperationCount == before)
        {
            context.Add(new Operation { Kind = "exec.code", Verb = Verb.Execute, BlastRadius = BlastRadius.Workspace, Target = language, Evidence = invocation.Evidence, Tool = language }, invocation);
        }
    }

    private void Call(string language, string chain, List<List<CodeToken>> arguments, Invocation invocation, DatabaseLocation database, List<CodeToken> receiver)
    {
        var name = chain[(Math.Max(chain.LastIndexOf('.'), chain.LastIndexOf(':')) + 1)..];
        var first = arguments.FirstOrDefault() ?? [];
        var literal = first is [{ Kind: CodeTokenKind.String } only] ? only.Text : null;

        // b64decode('…'), atob('…'), Buffer.from('…', 'base64'): a literal payload is decoded and read.
        literal ??= DecodedLiteral(first);

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
            else if (arguments.Count > 1 && arguments.All(a => a is [{ Kind: CodeTokenKind.String }]) && name is "system" or "exec" or "spawn" or "spawnSync" or "execFile" or "execFileSync" or "capture2" or "capture3" or "popen3")
            {
                // system("git", "stash", "clear"): the list form runs the program without a shell.
                var argv = arguments.Select(a => new Arg(a[0].Text)).ToList();
                commands.Analyze(argv, invocation.Nested(string.Join(' ', argv)));
                return;
            }
            else if (literal is not null)
            {
                if (name is "spawn" or "spawnSync" or "execFile" or "execFileSync" or "execv" or "execvp" or "execve" or "execvpe" or "spawnv" or "spawnvp" && arguments.Count > 1)
                {
                    // execvp('bash', ['bash', '-c', …]) names the program twice; spawn('rm', ['-rf', '/']) once.
                    var listed = arguments[1].Where(t => t.Kind == CodeTokenKind.String).Select(t => new Arg(t.Text)).ToList();
                    var argv = name.StartsWith("exec", StringComparison.Ordinal) && name != "execFile" && name != "execFileSync" || name.StartsWith("spawnv", StringComparison.Ordinal) ? listed : listed.Prepend(new Arg(literal)).ToList();
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

        if (HttpRequestIn(language, chain, name, arguments) is { } request)
        {
            foreach (var operation in HttpClassifier.Classify(request))
            {
                context.Add(operation with { Evidence = $"{operation.Evidence}: {invocation.Evidence}" }, invocation);
            }

            return;
        }

        if (WriteCalls.Contains(name) && (name is not "write" || chain.Contains("Bun", StringComparison.Ordinal)))
        {
            // Path.home().joinpath('.bashrc').write_text(…) writes to its receiver, not to its argument.
            var target = name is "write_text" or "write_bytes" ? TargetOf(receiver, null, chain) : TargetOf(first, literal, chain);
            new FileHandler(context).AddPathOperation("file.overwrite", Verb.Write, Reversibility.Reversible, target, invocation, $"{chain}() writes");
            return;
        }

        if ((RecursiveDeleteCalls.Contains(name) || DeleteCalls.Contains(name)) && (name is not ("remove" or "delete" or "rm") || LooksLikeFileCall(chain)))
        {
            var target = TargetOf(first, literal, chain);
            var kind = RecursiveDeleteCalls.Contains(name) ? "file.delete.recursive" : "file.delete";
            new FileHandler(context).AddPathOperation(kind, Verb.Delete, Reversibility.Irreversible, target, invocation, $"{chain}() deletes");
            return;
        }

        if (IsClientDestroyer(name, arguments))
        {
            var location = database;
            context.Add(new Operation
            {
                Kind = "code.remote.delete",
                Verb = Verb.Delete,
                Reversibility = Reversibility.Irreversible,
                BlastRadius = location.Radius,
                Environment = location.Environment,
                EnvironmentEvidence = location.Evidence,
                Target = $"{chain}()",
                Evidence = $"{language} calls {chain}(), a destructive client call: {invocation.Evidence}",
                Tool = language,
            }, invocation);
        }
    }

    /// <summary>The tokens of the expression a method is called on: back to the start of the statement.</summary>
    private static List<CodeToken> Receiver(List<CodeToken> tokens, int call)
    {
        var start = call;
        while (start > 0 && tokens[start - 1].Text is not (";" or "=" or "{" or "\n") && call - start < 64)
        {
            start--;
        }

        return tokens.GetRange(start, call - start);
    }

    private static readonly HashSet<string> WriteCalls = new(StringComparer.Ordinal)
    {
        "write_text", "write_bytes", "writeFileSync", "writeFile", "appendFileSync", "appendFile", "writeTextFile", "writeTextFileSync", "write", "outputFileSync", "outputFile",
    };

    /// <summary>The path a call acts on: a literal, the home folder plus a literal (<c>HOME + '/.ssh/x'</c>), or unknown.</summary>
    private static Arg TargetOf(List<CodeToken> argument, string? literal, string chain)
    {
        if (literal is not null)
        {
            return new Arg(literal);
        }

        if (NamesHome(argument))
        {
            var suffix = argument.FirstOrDefault(t => t.Kind == CodeTokenKind.String && t.Text.Length > 1 && t.Text[0] is '/' or '.').Text
                ?? argument.SkipWhile(t => !t.Text.EndsWith("joinpath", StringComparison.Ordinal) && !t.Text.EndsWith("join", StringComparison.Ordinal)).FirstOrDefault(t => t.Kind == CodeTokenKind.String).Text;
            return new Arg(suffix is null ? "~" : "~/" + suffix.TrimStart('/'));
        }

        return new Arg($"{chain}(…)", Known: false);
    }

    /// <summary>A base64 payload decoded in the code itself; null when the argument is not one.</summary>
    private static string? DecodedLiteral(List<CodeToken> argument)
    {
        var decodes = argument.Any(t => t.Kind == CodeTokenKind.Identifier && (t.Text.EndsWith("b64decode", StringComparison.Ordinal) || t.Text.EndsWith("atob", StringComparison.Ordinal)
            || t.Text.EndsWith("decode64", StringComparison.Ordinal) || t.Text.EndsWith("Buffer.from", StringComparison.Ordinal) || t.Text.EndsWith("base64_decode", StringComparison.Ordinal)));
        var payload = argument.FirstOrDefault(t => t.Kind == CodeTokenKind.String && t.Text.Length >= 4 && t.Text != "base64");
        if (!decodes || payload.Text is null)
        {
            return null;
        }

        var buffer = new byte[payload.Text.Length];
        return Convert.TryFromBase64String(payload.Text.Trim(), buffer, out var written) ? System.Text.Encoding.UTF8.GetString(buffer, 0, written) : null;
    }

    private static readonly HashSet<string> FlushCalls = new(StringComparer.OrdinalIgnoreCase) { "flushall", "flushdb", "flush_all", "flushAll", "flushDb" };

    /// <summary>A client method that destroys by its name: <c>drop_database()</c>, <c>flushall()</c>, <c>objects.all().delete()</c>.</summary>
    private static bool IsClientDestroyer(string name, List<List<CodeToken>> arguments)
    {
        if (FlushCalls.Contains(name))
        {
            return true;
        }

        var noArguments = arguments is [[]];
        return DestructiveFieldNames.IsDestructive(name) && (noArguments || DestructiveFieldNames.SplitWords(name).Count() >= 2);
    }

    private static readonly HashSet<string> HttpVerbs = new(StringComparer.Ordinal) { "get", "post", "put", "patch", "delete", "head", "request", "fetch", "urlopen", "Request" };

    /// <summary>An HTTP request made from code (<c>requests.delete(url)</c>, <c>fetch(url, {method: 'DELETE'})</c>), when its URL is a literal.</summary>
    private static HttpCall? HttpRequestIn(string language, string chain, string name, List<List<CodeToken>> arguments)
    {
        var client = chain == name ? name is "fetch" or "urlopen" : chain.StartsWith("requests.", StringComparison.Ordinal) || chain.StartsWith("httpx.", StringComparison.Ordinal)
            || chain.StartsWith("axios.", StringComparison.Ordinal) || chain.StartsWith("urllib.", StringComparison.Ordinal) || chain.Contains("session.", StringComparison.OrdinalIgnoreCase);
        if (!client || !HttpVerbs.Contains(name) || arguments.FirstOrDefault() is not [{ Kind: CodeTokenKind.String } url, ..] || !url.Text.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var method = name is "request" or "fetch" or "urlopen" or "Request" ? MethodOption(arguments) ?? (name == "request" ? "GET" : "GET") : name.ToUpperInvariant();
        var host = Uri.TryCreate(url.Text, UriKind.Absolute, out var uri) ? uri.Host : null;
        return new HttpCall { Tool = language, Method = method, Url = url.Text, Host = host };
    }

    /// <summary>The literal after a <c>method</c> key anywhere in the arguments (<c>{method: 'DELETE'}</c>, <c>method="DELETE"</c>).</summary>
    private static string? MethodOption(List<List<CodeToken>> arguments)
    {
        var tokens = arguments.SelectMany(a => a).ToList();
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Text is "method" && tokens[i + 1].Text is ":" or "=" && tokens[i + 2].Kind == CodeTokenKind.String)
            {
                return tokens[i + 2].Text.ToUpperInvariant();
            }
        }

        // requests.request("DELETE", url) puts the method first.
        return arguments.FirstOrDefault() is [{ Kind: CodeTokenKind.String } first] && HttpVerbs.Contains(first.Text.ToLowerInvariant()) ? first.Text.ToUpperInvariant() : null;
    }

    /// <summary>Whether an argument computes the home folder: <c>Path.home()</c>, <c>os.homedir()</c>, <c>expanduser('~')</c>, <c>$ENV{HOME}</c>.</summary>
    private static bool NamesHome(List<CodeToken> argument)
    {
        var home = false;
        var environment = false;
        foreach (var token in argument)
        {
            var text = token.Text;
            if (token.Kind == CodeTokenKind.Identifier && (text.EndsWith(".home", StringComparison.Ordinal) || text.EndsWith("homedir", StringComparison.OrdinalIgnoreCase)
                || text.EndsWith("expanduser", StringComparison.Ordinal) || text is "Dir.home" or "process.env.HOME" or "Path.home"))
            {
                home = true;
            }

            environment |= token.Kind == CodeTokenKind.Identifier && (text.Contains("ENV", StringComparison.Ordinal) || text.Contains("environ", StringComparison.Ordinal) || text.Contains("getenv", StringComparison.OrdinalIgnoreCase) || text.Contains(".env", StringComparison.Ordinal));
            home |= (environment && text == "HOME") || (token.Kind == CodeTokenKind.Identifier && text.EndsWith(".env.HOME", StringComparison.Ordinal));
        }

        return home;
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
        chain.Contains("os.", StringComparison.Ordinal) || chain.Contains("fs", StringComparison.Ordinal) || chain.Contains("File", StringComparison.Ordinal) || chain.Contains("Deno", StringComparison.Ordinal)
        || chain.Contains("shutil", StringComparison.Ordinal) || chain.Contains("Path", StringComparison.Ordinal);

    private void AnalyzeShell(string script, Invocation invocation)
    {
        context.Note($"the code runs a shell command: {ShellAnalyzer.Truncate(script, 200)}");
        commands.Shell.AnalyzeScript(script, invocation.Nested(ShellAnalyzer.Truncate(script, 300)));
    }

    /// <summary>SQL and credential paths in any literal; returns whether it names a credential store.</summary>
    private bool CheckLiteral(string text, Invocation invocation, DatabaseLocation database, bool touchesDatabase)
    {
        if (SqlText.LooksLikeSql(text) && touchesDatabase)
        {
            SqlText.Report(context, text, invocation, "code", database);
            return false;
        }

        if (text.Length is > 1 and < 4096 && (text.Contains('/', StringComparison.Ordinal) || text.StartsWith('~') || text.StartsWith('.')))
        {
            // HOME + '/.ssh/id_rsa': a literal that starts at a dot-folder is a path under the home folder.
            var path = context.ClassifyPath(text.StartsWith("/.", StringComparison.Ordinal) ? "~" + text : text, invocation);
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
        context.Add(KnownOperations.Unanalyzable("exec.dynamic", invocation.Evidence, $"{why}: {invocation.Evidence}", "interpreter"), invocation);
    }
}
