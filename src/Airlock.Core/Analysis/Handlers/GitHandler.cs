using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// git: push refspecs (<c>+main</c>, <c>:branch</c>, <c>--force</c>, <c>--mirror</c>, <c>--delete</c>),
/// commands that discard uncommitted work, history rewrites, and aliases defined with <c>-c</c>. Other
/// sub-commands go to the catalog's git rules.
/// </summary>
internal sealed class GitHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    private static readonly HashSet<string> GlobalValueOptions = new(StringComparer.Ordinal) { "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env" };

    private static readonly HashSet<string> PushValueOptions = new(StringComparer.Ordinal) { "--repo", "-o", "--push-option", "--receive-pack", "--exec", "--signed" };

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (aliases, commandConfigs, gitDirectory, subcommandIndex) = ReadGlobalOptions(argv);
        foreach (var (key, value) in commandConfigs)
        {
            RunConfiguredCommand(key, value, invocation);
        }

        if (subcommandIndex >= argv.Count)
        {
            return;
        }

        var subcommand = argv[subcommandIndex];
        var rest = argv.Skip(subcommandIndex + 1).ToList();
        if (subcommand.Known && (aliases.TryGetValue(subcommand.Text, out var alias) || context.GitAliases.TryGetValue(subcommand.Text, out alias)))
        {
            ExpandAlias(alias, rest, invocation, argv);
            return;
        }

        RunEmbeddedCommands(subcommand.Text, rest, invocation);

        var cwd = gitDirectory is null ? invocation.Cwd : PathClassifier.Resolve(gitDirectory, invocation.Cwd);
        switch (subcommand.Text)
        {
            case "push":
                Push(rest, invocation, cwd);
                break;
            case "config":
                Config(rest, invocation);
                commands.ApplyRules(entry, [argv[0], .. argv.Skip(subcommandIndex)], invocation);
                break;
            case "add":
                foreach (var path in rest.Where(a => a.Known && !a.Text.StartsWith('-')).Select(a => context.ClassifyPath(a.Text, invocation)).Where(p => p.IsSecretFile))
                {
                    context.StagedSecrets.Add(path.Path);
                }

                commands.ApplyRules(entry, [argv[0], .. argv.Skip(subcommandIndex)], invocation);
                break;
            case "checkout" when IsCheckoutDiscard(rest):
                Local("git.checkout.discard", Verb.Delete, Reversibility.Irreversible, "discards uncommitted changes", rest, invocation);
                FlagOverwrittenPaths(rest, invocation);
                break;
            case "restore" when !rest.Any(a => a.Text is "--staged" or "-S") || rest.Any(a => a.Text is "--worktree" or "-W"):
                Local("git.restore", Verb.Delete, Reversibility.Irreversible, "discards uncommitted changes in the working tree", rest, invocation);
                FlagOverwrittenPaths(rest, invocation);
                break;
            case "switch" when rest.Any(a => a.Text is "--discard-changes" or "-f" or "--force"):
                Local("git.checkout.discard", Verb.Delete, Reversibility.Irreversible, "switches branches discarding local changes", rest, invocation);
                break;
            default:
                commands.ApplyRules(entry, [argv[0], .. argv.Skip(subcommandIndex)], invocation);
                break;
        }
    }

    /// <summary>Configuration keys whose values git runs as shell commands.</summary>
    private static readonly HashSet<string> CommandKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "core.pager", "core.editor", "core.sshcommand", "core.fsmonitor", "core.hookspath", "diff.external", "sequence.editor", "gpg.program",
        "credential.helper", "interactive.difffilter", "pager.log", "pager.diff", "pager.show", "pager.branch", "merge.tool", "diff.tool",
    };

    private static (Dictionary<string, string> Aliases, List<(string Key, string Value)> CommandConfigs, string? GitDirectory, int SubcommandIndex) ReadGlobalOptions(IReadOnlyList<Arg> argv)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        var commandConfigs = new List<(string, string)>();
        string? directory = null;
        var i = 1;
        while (i < argv.Count && argv[i].Text.StartsWith('-'))
        {
            var option = argv[i].Text;
            if (GlobalValueOptions.Contains(option) && i + 1 < argv.Count)
            {
                var value = argv[i + 1].Text;
                if (option == "-c" && value.StartsWith("alias.", StringComparison.OrdinalIgnoreCase) && value.IndexOf('=', StringComparison.Ordinal) is var eq and > 6)
                {
                    aliases[value[6..eq]] = value[(eq + 1)..];
                }
                else if (option == "-c" && value.IndexOf('=', StringComparison.Ordinal) is var equals and > 0 && (CommandKeys.Contains(value[..equals]) || value[..equals].StartsWith("pager.", StringComparison.OrdinalIgnoreCase)))
                {
                    commandConfigs.Add((value[..equals], value[(equals + 1)..]));
                }
                else if (option == "-C")
                {
                    directory = value;
                }

                i += 2;
                continue;
            }

            i++;
        }

        return (aliases, commandConfigs, directory, i);
    }

    /// <summary>A configured pager, editor or helper runs as a shell command (a leading ! for helpers and aliases).</summary>
    private void RunConfiguredCommand(string key, string value, Invocation invocation)
    {
        var script = value.TrimStart('!');
        context.Note($"git runs the command configured as {key}: {script}");
        commands.Shell.AnalyzeScript(script, invocation.Nested(script));
    }

    /// <summary><c>git config alias.x '!cmd'</c> is remembered for later commands; command-running keys run their value.</summary>
    private void Config(List<Arg> rest, Invocation invocation)
    {
        var words = rest.Where(a => !a.Text.StartsWith('-')).ToList();
        if (words.Count < 2 || !words[0].Known)
        {
            return;
        }

        var key = words[0].Text;
        var value = string.Join(' ', words.Skip(1).Select(w => w.Text));
        if (key.StartsWith("alias.", StringComparison.OrdinalIgnoreCase))
        {
            context.GitAliases[key[6..]] = value;
        }
        else if (CommandKeys.Contains(key) || key.StartsWith("pager.", StringComparison.OrdinalIgnoreCase))
        {
            RunConfiguredCommand(key, value, invocation);
        }
    }

    /// <summary>Sub-commands that take shell commands as arguments: rebase --exec, bisect run, submodule foreach, filter-branch filters.</summary>
    private void RunEmbeddedCommands(string subcommand, List<Arg> rest, Invocation invocation)
    {
        var scripts = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            var text = rest[i].Text;
            var takesScript = subcommand switch
            {
                "rebase" => text is "-x" or "--exec",
                "filter-branch" => text.EndsWith("-filter", StringComparison.Ordinal),
                _ => false,
            };
            if (takesScript && i + 1 < rest.Count)
            {
                scripts.Add(rest[++i].Text);
            }
            else if (subcommand == "rebase" && text.StartsWith("--exec=", StringComparison.Ordinal))
            {
                scripts.Add(text[7..]);
            }
        }

        if (subcommand is "bisect" && rest.Count > 1 && rest[0].Text == "run")
        {
            commands.Analyze(rest.Skip(1).ToList(), invocation.Nested(string.Join(' ', rest.Skip(1).Select(a => a.Text))));
        }

        if (subcommand is "submodule" && rest.FirstOrDefault(a => a.Text == "foreach") is not null)
        {
            scripts.Add(string.Join(' ', rest.SkipWhile(a => a.Text != "foreach").Skip(1).Where(a => !a.Text.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Text)));
        }

        foreach (var script in scripts.Where(s => s.Length > 0))
        {
            context.Note($"git {subcommand} runs: {script}");
            commands.Shell.AnalyzeScript(script, invocation.Nested(script));
        }
    }

    /// <summary><c>git -c alias.x='!rm -rf /' x</c> runs a shell command; <c>alias.x='push -f'</c> runs git.</summary>
    private void ExpandAlias(string alias, List<Arg> rest, Invocation invocation, IReadOnlyList<Arg> argv)
    {
        context.Note($"git alias expands to '{alias}'");
        if (alias.StartsWith('!'))
        {
            var script = alias[1..] + (rest.Count > 0 ? " " + string.Join(' ', rest.Select(a => ShellQuote(a.Text))) : "");
            commands.Shell.AnalyzeScript(script, invocation.Nested(script));
            return;
        }

        var words = alias.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new Arg(w));
        commands.Analyze([argv[0], .. words, .. rest], invocation.Nested("git " + alias));
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Files git overwrites from history can be agent hook settings (git checkout HEAD~5 -- .claude/settings.json).</summary>
    private void FlagOverwrittenPaths(List<Arg> rest, Invocation invocation)
    {
        var dashDash = rest.FindIndex(a => a.Text == "--");
        foreach (var path in rest.Skip(dashDash + 1).Where(a => a.Known && !a.Text.StartsWith('-')))
        {
            SensitiveWrites.Flag(context, context.ClassifyPath(path.Text, invocation, path.Glob), invocation, credentials: false);
        }
    }

    private static bool IsCheckoutDiscard(List<Arg> rest)
    {
        var dashDash = rest.FindIndex(a => a.Text == "--");
        if (rest.Any(a => a.Text is "-f" or "--force"))
        {
            return true;
        }

        // `git checkout -- path` and `git checkout .` overwrite working-tree files from the index.
        return dashDash >= 0 ? dashDash < rest.Count - 1 : rest.Any(a => a.Text is "." or "*" || a.Glob);
    }

    private void Push(List<Arg> rest, Invocation invocation, string? cwd)
    {
        var parsed = new ParsedArgs(rest, PushValueOptions);
        var forceAll = parsed.HasAny(["--force", "-f", "--force-with-lease", "--force-if-includes"])
            || parsed.Flags.Any(f => f.StartsWith("--force-with-lease", StringComparison.Ordinal));
        var deleteFlag = parsed.HasAny(["--delete", "-d"]);
        var positionals = parsed.Positionals.Concat(parsed.Rest ?? []).ToList();
        var remote = positionals.Count > 0 ? positionals[0].Text : "origin";
        var refspecs = positionals.Skip(1).ToList();
        var evidence = invocation.Evidence;

        if (context.StagedSecrets.Count > 0)
        {
            NetworkHandler.AddExfiltration(context, remote, $"pushes the secret files {string.Join(", ", context.StagedSecrets)} staged earlier", invocation);
        }

        if (parsed.Has("--mirror"))
        {
            Remote("git.push.mirror", Verb.RewriteHistory, $"{remote}/*", "mirrors every ref, overwriting and deleting remote branches", invocation);
            return;
        }

        if (parsed.Has("--prune"))
        {
            Remote("git.push.delete", Verb.Delete, $"{remote}/*", "deletes remote branches that have no local counterpart", invocation);
        }

        if (refspecs.Count == 0)
        {
            var current = parsed.HasAny(["--all", "--branches"]) ? "*" : CurrentBranch(cwd) ?? "HEAD";
            refspecs.Add(new Arg(current));
        }

        foreach (var refspec in refspecs)
        {
            var text = refspec.Text;
            var force = forceAll || text.StartsWith('+');
            text = text.TrimStart('+');
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var source = colon >= 0 ? text[..colon] : text;
            var destination = colon >= 0 ? text[(colon + 1)..] : text;
            destination = StripRefPrefix(destination.Length == 0 && colon < 0 ? source : destination);
            if (destination is "HEAD" or "@")
            {
                destination = CurrentBranch(cwd) ?? "HEAD";
            }

            if (!refspec.Known)
            {
                destination = "*";
            }

            var target = $"{remote}/{destination}";
            if (deleteFlag || (colon >= 0 && source.Length == 0))
            {
                Remote("git.push.delete", Verb.Delete, target, "deletes a remote branch", invocation);
            }
            else if (force)
            {
                Remote("git.push.force", Verb.RewriteHistory, target, "force-pushes, overwriting remote history", invocation);
            }
            else if (IsDeploymentRemote(remote))
            {
                // Pushing to a platform's git remote (heroku, dokku) or one named for production deploys.
                var (environment, why) = EnvironmentInference.FromText(remote) is { } named and not DeploymentEnvironment.Local
                    ? (named, $"the remote '{remote}' names it")
                    : (DeploymentEnvironment.Unknown, $"'{remote}' is a deployment remote whose environment is not named");
                context.Add(new Operation
                {
                    Kind = "git.push.deploy",
                    Verb = Verb.Deploy,
                    BlastRadius = BlastRadius.Remote,
                    Environment = environment,
                    EnvironmentEvidence = why,
                    Target = target,
                    Evidence = $"deploys by pushing to '{remote}': {evidence}",
                    Tool = "git",
                }, invocation);
            }
            else
            {
                context.Add(new Operation
                {
                    Kind = "git.push",
                    Verb = Verb.Write,
                    Reversibility = Reversibility.Reversible,
                    BlastRadius = BlastRadius.Remote,
                    Environment = DeploymentEnvironment.Dev,
                    EnvironmentEvidence = "a git remote; branch protection is decided by policy",
                    Target = target,
                    Evidence = evidence,
                    Tool = "git",
                }, invocation);
            }
        }
    }

    private static readonly string[] DeploymentRemotes = ["heroku", "dokku", "fly", "flyio", "render", "pantheon", "platform", "azure", "cf", "deploy"];

    private static bool IsDeploymentRemote(string remote) =>
        DeploymentRemotes.Any(r => remote.Equals(r, StringComparison.OrdinalIgnoreCase) || remote.StartsWith(r + "-", StringComparison.OrdinalIgnoreCase))
        || EnvironmentInference.FromText(remote) is DeploymentEnvironment.Prod or DeploymentEnvironment.Staging;

    private static string StripRefPrefix(string reference) =>
        reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..]
        : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag:" + reference["refs/tags/".Length..]
        : reference;

    /// <summary>The checked-out branch, read from .git/HEAD; null when it cannot be read.</summary>
    private string? CurrentBranch(string? cwd)
    {
        for (var directory = cwd; !string.IsNullOrEmpty(directory) && directory.StartsWith('/'); directory = Path.GetDirectoryName(directory))
        {
            var head = ScriptFiles.TryRead(Path.Combine(directory, ".git", "HEAD"), context);
            if (head is not null)
            {
                const string prefix = "ref: refs/heads/";
                return head.StartsWith(prefix, StringComparison.Ordinal) ? head[prefix.Length..].Trim() : null;
            }
        }

        return null;
    }

    private void Remote(string kind, Verb verb, string target, string what, Invocation invocation)
    {
        context.Add(new Operation
        {
            Kind = kind,
            Verb = verb,
            Reversibility = Reversibility.Irreversible,
            BlastRadius = BlastRadius.Remote,
            Environment = DeploymentEnvironment.Dev,
            EnvironmentEvidence = "a git remote; branch protection is decided by policy",
            Target = target,
            Evidence = $"{what}: {invocation.Evidence}",
            Tool = "git",
        }, invocation);
    }

    private void Local(string kind, Verb verb, Reversibility reversibility, string what, List<Arg> rest, Invocation invocation)
    {
        context.Add(new Operation
        {
            Kind = kind,
            Verb = verb,
            Reversibility = reversibility,
            BlastRadius = BlastRadius.Workspace,
            Target = rest.Count > 0 ? string.Join(' ', rest.Select(a => a.Text)) : ".",
            Evidence = $"{what}: {invocation.Evidence}",
            Tool = "git",
        }, invocation);
    }
}
