using System.Runtime.InteropServices;
using System.Text.Json;
using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis;

/// <summary>
/// Says what a tool call would do: the entry point of the core analysis. Shell tools are parsed and
/// analyzed command by command; file tools are judged by their paths; MCP tools by their names and
/// arguments. Input beyond <see cref="MaxInputChars"/> is not analyzed and is reported as unknown,
/// so a huge input is never allowed for being huge.
/// </summary>
public sealed class ActionAnalyzer
{
    public const int MaxInputChars = 1 << 20;

    private static readonly HashSet<string> ShellTools = new(StringComparer.OrdinalIgnoreCase)
    {
        "Bash", "Shell", "PowerShell", "run_shell_command", "shell", "exec_command", "local_shell", "terminal", "run_terminal_cmd", "execute_command", "beforeShellExecution", "container.exec",
    };

    private static readonly HashSet<string> ReadTools = new(StringComparer.OrdinalIgnoreCase)
    {
        "Read", "read_file", "read_many_files", "view", "beforeReadFile", "ReadFile", "NotebookRead", "Glob", "Grep", "glob", "search_file_content", "list_directory", "LS", "ls",
    };

    private static readonly HashSet<string> WriteTools = new(StringComparer.OrdinalIgnoreCase)
    {
        "Write", "Edit", "MultiEdit", "NotebookEdit", "write_file", "replace", "edit", "str_replace", "create", "str_replace_editor", "apply_patch", "afterFileEdit",
    };

    private static readonly HashSet<string> HarmlessTools = new(StringComparer.OrdinalIgnoreCase)
    {
        "WebFetch", "WebSearch", "web_fetch", "google_web_search", "Task", "Agent", "TodoWrite", "TodoRead", "ExitPlanMode", "Skill", "AskUserQuestion", "save_memory", "update_plan", "report_intent", "think",
    };

    private readonly ToolCatalog _catalog;

    public ActionAnalyzer()
        : this(ToolCatalog.BuiltIn)
    {
    }

    internal ActionAnalyzer(ToolCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>Analyzes a call; <paramref name="trace"/> records the steps a person reads in <c>airlock explain</c>.</summary>
    public ActionAnalysis Analyze(ActionRequest request, bool trace = false)
    {
        var context = new AnalysisContext(_catalog, request.Cwd, request.EnvironmentHints, trace);
        context.Note($"tool '{request.Tool}' from {request.Client ?? "an unnamed client"}");
        if (request.Input.ValueKind != JsonValueKind.Undefined && JsonMarshal.GetRawUtf8Value(request.Input).Length > MaxInputChars)
        {
            TooLarge(context, request);
        }
        else if (ShellTools.Contains(request.Tool))
        {
            AnalyzeShell(context, request);
        }
        else if (McpToolAnalyzer.TryParseName(request.Tool, out var server, out var tool))
        {
            new McpToolAnalyzer(context).Analyze(server, tool, request.Input, Invocation(request, $"{request.Tool}"));
        }
        else if (ReadTools.Contains(request.Tool) || WriteTools.Contains(request.Tool))
        {
            new FileToolAnalyzer(context).Analyze(request, WriteTools.Contains(request.Tool), Invocation(request, request.Tool));
        }
        else if (HttpRequestToolAnalyzer.Handles(request.Tool))
        {
            new HttpRequestToolAnalyzer(context).Analyze(request.Tool, request.Input, Invocation(request, request.Tool));
        }
        else if (HarmlessTools.Contains(request.Tool))
        {
            context.Add(new Operation { Kind = "tool.builtin", Verb = Verb.Read, Target = request.Tool, Evidence = request.Tool, Tool = request.Tool });
            if (request.Input.ValueKind == JsonValueKind.Object && SecretLiterals.Find(request.Input.GetRawText()) is { } secret)
            {
                // A web fetch can carry a credential off the machine in its URL.
                context.Add(new Operation { Kind = "credential.exfiltrate", Verb = Verb.Exfiltrate, Reversibility = Reversibility.Irreversible, BlastRadius = BlastRadius.Remote, Environment = DeploymentEnvironment.Unknown, Target = request.Tool, Evidence = $"{request.Tool} sends a literal {secret} credential", Tool = request.Tool });
            }
        }
        else
        {
            new McpToolAnalyzer(context).Analyze("", request.Tool, request.Input, Invocation(request, request.Tool));
        }

        return new ActionAnalysis { Request = request, Operations = context.Operations.ToList(), Trace = context.Trace.ToList() };
    }

    private static void AnalyzeShell(AnalysisContext context, ActionRequest request)
    {
        var command = ShellCommandOf(request.Input);
        if (command is null)
        {
            context.Add(KnownOperations.Unanalyzable("shell.unanalyzable", request.Tool, "the shell tool's input has no command Airlock can read", "shell"));
            return;
        }

        if (request.Tool.Equals("PowerShell", StringComparison.OrdinalIgnoreCase) || WindowsShell.LooksLikePowerShell(command))
        {
            command = WindowsShell.Normalize(command);
        }

        context.Note($"shell command: {ShellAnalyzer.Truncate(command, 300)}");
        var analyzer = new ShellAnalyzer(context);
        analyzer.AnalyzeScript(command, Invocation(request, ShellAnalyzer.Truncate(command, 300)));
    }

    internal static bool IsShellTool(string tool) => ShellTools.Contains(tool);

    /// <summary>The command of a shell tool: a string, or an argument vector (joined with shell quoting).</summary>
    internal static string? ShellCommandOf(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            return input.ValueKind == JsonValueKind.String ? input.GetString() : null;
        }

        foreach (var name in new[] { "command", "cmd", "commandLine", "script" })
        {
            if (!input.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            {
                return ShellQuoting.Join(value.EnumerateArray().Select(v => v.GetString()!));
            }
        }

        return null;
    }

    private static Invocation Invocation(ActionRequest request, string evidence)
    {
        var scope = new ShellScope(request.Cwd);
        return new Invocation { Scope = scope, Evidence = evidence };
    }

    private static void TooLarge(AnalysisContext context, ActionRequest request)
    {
        context.Add(KnownOperations.Unanalyzable("input.too-large", request.Tool, $"the input is larger than the {MaxInputChars / 1024} KiB Airlock analyzes", request.Tool));
    }
}
