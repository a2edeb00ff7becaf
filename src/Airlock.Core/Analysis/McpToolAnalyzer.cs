using System.Text.Json;
using Airlock.Http;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// MCP tools (<c>mcp__server__tool</c>) and other tools Airlock has no special knowledge of. What the
/// arguments carry is analyzed first — SQL, shell commands, GraphQL, paths — and when they say
/// nothing, the tool's name does: delete / drop / purge verbs are destructive, list / get / search
/// verbs are reads. Annotations a server sends about its own tools are not trusted.
/// </summary>
internal sealed class McpToolAnalyzer(AnalysisContext context)
{
    private static readonly HashSet<string> ReadWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "list", "get", "read", "search", "describe", "show", "find", "fetch", "view", "count", "explain", "inspect", "status", "lookup",
        "ls", "cat", "head", "tail", "stat", "info", "whoami", "diff", "log", "logs", "tree", "query", "select", "browse", "check", "validate", "preview", "download",
        "snapshot", "screenshot", "resolve", "docs", "console", "network", "wait", "hover",
    };

    /// <summary>Money that has moved cannot be taken back by the caller: refunds, charges, payouts, transfers.</summary>
    private static readonly HashSet<string> MoneyWords = new(StringComparer.OrdinalIgnoreCase) { "refund", "charge", "payout", "transfer", "capture", "pay", "payment", "invoice", "withdraw" };

    private static readonly HashSet<string> ShellWords = new(StringComparer.OrdinalIgnoreCase) { "shell", "bash", "exec", "execute", "terminal", "command", "run", "sh", "cmd", "process" };

    private static readonly string[] SqlKeys = ["sql", "query", "statement", "statements", "sql_query"];

    private static readonly string[] CommandKeys = ["command", "cmd", "script", "commandLine"];

    private static readonly string[] PathKeys = ["path", "paths", "file_path", "filePath", "filename", "source", "destination", "target", "directory", "dir"];

    private static readonly string[] EnvironmentKeys = ["environment", "env", "project", "project_id", "projectId", "project_ref", "branch", "branch_id", "database", "db", "context", "stage", "host", "url", "connection_string", "connectionString", "cluster", "namespace", "workspace", "app"];

    /// <summary>Splits <c>mcp__server__tool</c>; server names cannot contain a double underscore.</summary>
    public static bool TryParseName(string name, out string server, out string tool)
    {
        server = tool = "";
        if (!name.StartsWith("mcp__", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name[5..];
        var split = rest.IndexOf("__", StringComparison.Ordinal);
        if (split <= 0)
        {
            return false;
        }

        server = rest[..split];
        tool = rest[(split + 2)..];
        return true;
    }

    public void Analyze(string server, string tool, JsonElement input, Invocation invocation)
    {
        var words = DestructiveFieldNames.SplitWords(tool).ToList();
        var toolLabel = server.Length > 0 ? $"mcp:{server}" : tool;
        var (env, envEvidence) = Environment(server, input);
        var location = env == DeploymentEnvironment.Local
            ? DatabaseLocation.Local(server)
            : new DatabaseLocation(env, BlastRadius.Remote, server.Length > 0 ? server : tool, envEvidence);
        var before = context.OperationCount;

        var strings = StringArguments(input).ToList();
        strings.AddRange(CommandArrays(input));
        if (HttpRequestOf(strings, toolLabel) is { } request)
        {
            foreach (var operation in HttpClassifier.Classify(request))
            {
                context.Add(operation, invocation);
            }

            return;
        }

        foreach (var (key, value) in strings)
        {
            if ((SqlKeys.Contains(key, StringComparer.OrdinalIgnoreCase) || SqlText.LooksLikeSql(value)) && SqlText.LooksLikeSql(value) || IsSqlTool(words) && SqlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                SqlText.Report(context, value, invocation, toolLabel, location);
            }
            else if (CommandKeys.Contains(key, StringComparer.OrdinalIgnoreCase) && words.Any(ShellWords.Contains))
            {
                // On a Kubernetes or SSH server the command runs remotely, in the environment the arguments name.
                var remote = IsRemoteShellServer(server) ? invocation with { RemoteHost = server, Environment = env == DeploymentEnvironment.Unknown ? null : new EnvironmentClaim(env, envEvidence) } : invocation;
                new ShellAnalyzer(context).AnalyzeScript(value, remote with { Evidence = ShellAnalyzer.Truncate(value, 300) });
            }
            else if (key.Equals("query", StringComparison.OrdinalIgnoreCase) || value.TrimStart().StartsWith("mutation", StringComparison.Ordinal))
            {
                GraphQl(value, toolLabel, location, invocation);
            }
        }

        if (context.OperationCount > before)
        {
            return;
        }

        var paths = strings.Where(s => PathKeys.Contains(s.Key, StringComparer.OrdinalIgnoreCase)).Select(s => context.ClassifyPath(s.Value, invocation)).ToList();
        var searchPattern = strings.FirstOrDefault(s => s.Key is "pattern" or "query" or "regex").Value;
        if (searchPattern is not null && Handlers.SearchHandler.LooksSecret(searchPattern) && paths.Any(p => p.Radius >= BlastRadius.Machine))
        {
            context.Add(KnownOperations.Credential(string.Join(", ", paths.Select(p => p.Path)), $"{tool} searches for '{searchPattern}' outside the project", toolLabel, kind: "credential.search"));
        }

        foreach (var path in paths.Where(p => p.IsCredentialStore))
        {
            context.Add(KnownOperations.Credential(path.Path, $"{tool} names the credential store '{path.Path}'", toolLabel));
        }

        var destructive = DestructiveFieldNames.IsDestructive(tool);
        if (!destructive && location.Environment == DeploymentEnvironment.Unknown && IsCollaborationServer(server) && !words.Any(w => w.ToLowerInvariant() is "merge" or "deploy" or "release" or "publish" or "dispatch"))
        {
            // Issues, pull requests and messages live in a shared collaboration tool, not in a deployment.
            location = location with { Environment = DeploymentEnvironment.Dev, Evidence = $"the MCP server '{server}' is a shared collaboration service" };
        }

        var movesMoney = !destructive && (words.Any(MoneyWords.Contains) || (IsPaymentServer(server) && !words.Any(ReadWords.Contains)));
        var read = !destructive && !movesMoney && words.Any(ReadWords.Contains);
        if (!read && strings.Select(s => SecretLiterals.Find(s.Value)).FirstOrDefault(f => f is not null) is { } secret)
        {
            // A message, issue or request that carries a literal credential sends it to whoever reads it.
            context.Add(new Operation { Kind = "credential.exfiltrate", Verb = Verb.Exfiltrate, Reversibility = Reversibility.Irreversible, BlastRadius = BlastRadius.Remote, Environment = DeploymentEnvironment.Unknown, Target = $"{toolLabel} {tool}", Evidence = $"the arguments carry a literal {secret} credential", Tool = toolLabel });
        }
        var localFiles = IsFileServer(server) && paths.Count > 0;
        var radius = localFiles ? paths.Max(p => p.Radius) : location.Radius;
        if (localFiles && !read)
        {
            foreach (var path in paths)
            {
                SensitiveWrites.Flag(context, path, invocation);
            }
        }

        context.Add(new Operation
        {
            Kind = destructive ? "mcp.delete" : movesMoney ? "mcp.payment" : read ? "mcp.read" : "mcp.write",
            Verb = destructive ? Verb.Delete : read ? Verb.Read : Verb.Write,
            Reversibility = destructive || movesMoney ? Reversibility.Irreversible : Reversibility.Reversible,
            BlastRadius = read ? BlastRadius.None : radius,
            Environment = localFiles ? DeploymentEnvironment.Local : location.Environment,
            EnvironmentEvidence = localFiles ? "local files" : location.Evidence,
            Target = paths.Count > 0 ? string.Join(", ", paths.Select(p => p.Path)) : $"{toolLabel} {tool}",
            Evidence = $"the tool '{tool}'{(server.Length > 0 ? $" of the MCP server '{server}'" : "")} {(destructive ? "names a destructive verb" : read ? "names a read" : "changes something")}",
            Tool = toolLabel,
        });
    }

    /// <summary>A generic HTTP tool (<c>{method, url, body}</c>) is judged as the request it makes.</summary>
    private static HttpCall? HttpRequestOf(List<(string Key, string Value)> strings, string tool)
    {
        var url = strings.FirstOrDefault(s => s.Key.Equals("url", StringComparison.OrdinalIgnoreCase) || s.Key.Equals("uri", StringComparison.OrdinalIgnoreCase)).Value;
        var method = strings.FirstOrDefault(s => s.Key.Equals("method", StringComparison.OrdinalIgnoreCase)).Value;
        if (url is null || method is null || !url.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var body = strings.FirstOrDefault(s => s.Key.Equals("body", StringComparison.OrdinalIgnoreCase) || s.Key.Equals("data", StringComparison.OrdinalIgnoreCase)).Value;
        return new HttpCall
        {
            Tool = tool,
            Method = method.ToUpperInvariant(),
            Url = url,
            Host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null,
            InlineBodies = body is null ? [] : [body],
        };
    }

    private void GraphQl(string document, string tool, DatabaseLocation location, Invocation invocation)
    {
        var parsed = GraphQlDocument.Parse(document);
        if (!parsed.Parsed)
        {
            return;
        }

        foreach (var operation in parsed.Operations)
        {
            foreach (var field in operation.RootFields)
            {
                var mutation = operation.Type == GraphQlOperationType.Mutation;
                var destructive = mutation && DestructiveFieldNames.IsDestructive(field);
                context.Add(new Operation
                {
                    Kind = destructive ? "graphql.mutation.delete" : mutation ? "graphql.mutation" : "graphql.query",
                    Verb = destructive ? Verb.Delete : mutation ? Verb.Write : Verb.Read,
                    Reversibility = destructive ? Reversibility.Irreversible : Reversibility.Reversible,
                    BlastRadius = mutation ? location.Radius : BlastRadius.None,
                    Environment = location.Environment,
                    EnvironmentEvidence = location.Evidence,
                    Target = field,
                    Evidence = $"{operation.Type.ToString().ToLowerInvariant()} {field}",
                    Tool = tool,
                }, invocation);
            }
        }
    }

    private static bool IsLocalToolServer(string server) =>
        DestructiveFieldNames.SplitWords(server).Any(w => w.ToLowerInvariant() is "playwright" or "puppeteer" or "browser" or "chrome" or "devtools" or "context7" or "memory" or "thinking" or "time" or "everything");

    private static bool IsCollaborationServer(string server) =>
        DestructiveFieldNames.SplitWords(server).Any(w => w.ToLowerInvariant() is "github" or "gitlab" or "bitbucket" or "linear" or "jira" or "atlassian" or "slack" or "discord" or "notion" or "sentry" or "asana" or "trello" or "confluence" or "teams");

    private static bool IsRemoteShellServer(string server) =>
        DestructiveFieldNames.SplitWords(server).Any(w => w.ToLowerInvariant() is "kubernetes" or "k8s" or "kubectl" or "ssh" or "remote" or "ec2" or "vm");

    private static bool IsPaymentServer(string server) =>
        DestructiveFieldNames.SplitWords(server).Any(w => w.ToLowerInvariant() is "stripe" or "paypal" or "billing" or "payments" or "braintree" or "adyen" or "square");

    private static bool IsSqlTool(List<string> words) => words.Any(w => w.Equals("sql", StringComparison.OrdinalIgnoreCase) || w.Equals("query", StringComparison.OrdinalIgnoreCase));

    private static bool IsFileServer(string server) =>
        DestructiveFieldNames.SplitWords(server).Any(w => w.Equals("filesystem", StringComparison.OrdinalIgnoreCase) || w.Equals("fs", StringComparison.OrdinalIgnoreCase) || w.Equals("files", StringComparison.OrdinalIgnoreCase));

    private static (DeploymentEnvironment, string) Environment(string server, JsonElement input)
    {
        DeploymentEnvironment? best = null;
        var evidence = "nothing in the call names the environment; treated as unknown";
        void Consider(string text, string source)
        {
            var env = DatabaseLocation.HostOfUrl(text) is { } host ? EnvironmentInference.FromHost(host) : EnvironmentInference.FromText(text);
            if (env is { } found && (best is null || EnvironmentInference.Rank(found) > EnvironmentInference.Rank(best.Value)))
            {
                best = found;
                evidence = source;
            }
        }

        Consider(server, $"the MCP server '{server}'");
        if (best is null && IsLocalToolServer(server))
        {
            // A browser the agent drives, documentation lookups, scratch memory: nothing shared changes.
            return (DeploymentEnvironment.Local, $"the MCP server '{server}' acts on the local machine");
        }

        if (DestructiveFieldNames.SplitWords(server).Any(w => w.Equals("sqlite", StringComparison.OrdinalIgnoreCase) || w.Equals("duckdb", StringComparison.OrdinalIgnoreCase)) && best is null)
        {
            return (DeploymentEnvironment.Local, $"the MCP server '{server}' works on a local database file");
        }
        foreach (var (key, value) in StringArguments(input))
        {
            if (EnvironmentKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                Consider(value, $"{key}={value}");
            }
        }

        return (best ?? DeploymentEnvironment.Unknown, evidence);
    }

    /// <summary>A command given as an argument vector (<c>"command": ["rm", "-rf", "/data"]</c>), joined into one command line.</summary>
    private static IEnumerable<(string Key, string Value)> CommandArrays(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var key in CommandKeys)
        {
            if (input.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            {
                yield return (key, ShellQuoting.Join(value.EnumerateArray().Select(v => v.GetString()!)));
            }
        }
    }

    /// <summary>Every string in the arguments with the key it sits under, nested objects included, bounded.</summary>
    private static IEnumerable<(string Key, string Value)> StringArguments(JsonElement input)
    {
        var stack = new Stack<(string Key, JsonElement Value, int Depth)>();
        stack.Push(("", input, 0));
        var seen = 0;
        while (stack.Count > 0 && seen++ < 10_000)
        {
            var (key, value, depth) = stack.Pop();
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    yield return (key, value.GetString()!);
                    break;
                case JsonValueKind.Object when depth < 32:
                    foreach (var property in value.EnumerateObject())
                    {
                        stack.Push((property.Name, property.Value, depth + 1));
                    }

                    break;
                case JsonValueKind.Array when depth < 32 && !CommandKeys.Contains(key, StringComparer.OrdinalIgnoreCase):
                    foreach (var item in value.EnumerateArray())
                    {
                        stack.Push((key, item, depth + 1));
                    }

                    break;
            }
        }
    }
}
