using System.CommandLine;
using System.Text.Json;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Cli.Commands;

/// <summary>The options <c>check</c> and <c>explain</c> share, and how they become a request.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Policy { get; } = new("--policy") { Description = "Policy file to use instead of AIRLOCK_POLICY, the user's policy or the built-in default." };

    public Option<string?> Cwd { get; } = new("--cwd") { Description = "Working directory the command would run in (default: the current directory)." };

    public Option<string?> Tool { get; } = new("--tool") { Description = "Check a tool call instead of a shell command: the tool's name (Read, Write, mcp__server__tool…)." };

    public Option<string?> Input { get; } = new("--input") { Description = "With --tool: the tool's input as JSON." };

    public Argument<string[]> Command { get; } = new("command") { Description = "The shell command, after --.", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(Policy);
        command.Options.Add(Cwd);
        command.Options.Add(Tool);
        command.Options.Add(Input);
        command.Arguments.Add(Command);
    }

    /// <summary>The request the options describe; throws <see cref="UsageException"/> when they describe none.</summary>
    public ActionRequest Request(ParseResult result)
    {
        var cwd = result.GetValue(Cwd) ?? Directory.GetCurrentDirectory();
        var tool = result.GetValue(Tool);
        var words = result.GetValue(Command) ?? [];
        if (tool is not null)
        {
            var input = result.GetValue(Input) ?? "{}";
            try
            {
                using var document = JsonDocument.Parse(input);
                return new ActionRequest { Tool = tool, Input = document.RootElement.Clone(), Cwd = cwd, Client = "cli" };
            }
            catch (JsonException e)
            {
                throw new UsageException($"--input is not valid JSON ({e.Message}).");
            }
        }

        if (words.Length == 0)
        {
            throw new UsageException("Give a command after -- (airlock check -- rm -rf build) or a tool call with --tool NAME --input JSON.");
        }

        // One word is a whole command line the user quoted; several are the words the shell already split.
        var command = words.Length == 1 ? words[0] : ShellQuoting.Join(words);
        return ActionRequest.ForShell(command, cwd) with { Client = "cli" };
    }
}

/// <summary>The command line was used wrongly; the message says how to use it.</summary>
internal sealed class UsageException(string message) : Exception(message);
