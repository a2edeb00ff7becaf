using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>
/// docker and podman: <c>run</c>, <c>exec</c> and <c>compose exec|run</c> run a command in a container,
/// which is analyzed too. Bind mounts map container paths back to the host, so
/// <c>docker run -v /:/host alpine rm -rf /host</c> deletes the host's root; a fresh container's own
/// files are throw-away. Every other sub-command goes to the catalog's rules.
/// </summary>
internal sealed class ContainerHandler(AnalysisContext context, CommandAnalyzer commands) : ICommandHandler
{
    private static readonly HashSet<string> GlobalValueOptions = new(StringComparer.Ordinal) { "-H", "--host", "--context", "--config", "-l", "--log-level" };

    private static readonly HashSet<string> RunValueOptions = new(StringComparer.Ordinal)
    {
        "-v", "--volume", "--mount", "-w", "--workdir", "-e", "--env", "--env-file", "--name", "-p", "--publish", "--entrypoint", "-u", "--user",
        "--network", "--net", "--platform", "-l", "--label", "-m", "--memory", "--cpus", "-h", "--hostname", "--add-host", "--device", "--restart",
        "--pull", "--cidfile", "--log-driver", "--log-opt", "--gpus", "--shm-size", "--tmpfs", "--ulimit", "--cap-add", "--cap-drop", "--security-opt",
        "--pid", "--ipc", "--uts", "--stop-signal", "--health-cmd", "--volumes-from", "--link", "--dns", "--expose", "--label-file", "--runtime",
        "-f", "--file", "-p", "--project-name", "--profile", "--index", "-c", "--cpu-shares",
    };

    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // docker -H ssh://prod-host or DOCKER_HOST=…: the containers are on that host.
        var dockerHost = argv.Skip(1).TakeWhile(a => a.Text.StartsWith('-')).Zip(argv.Skip(2)).FirstOrDefault(p => p.First.Text is "-H" or "--host").Second?.Text
            ?? (invocation.Assignments.TryGetValue("DOCKER_HOST", out var assigned) ? assigned.Text : context.EnvironmentHints.GetValueOrDefault("DOCKER_HOST"));
        var host = dockerHost is null ? null : HostOf(dockerHost);
        if (host is not null && !EnvironmentInference.IsLocalHost(host))
        {
            invocation = invocation with { RemoteHost = host };
        }

        var i = SkipOptions(argv, 1, GlobalValueOptions);
        var subcommand = i < argv.Count ? argv[i].Text : "";
        if (entry.Names[0] == "docker-compose" || subcommand == "compose")
        {
            var composeStart = entry.Names[0] == "docker-compose" ? 1 : i + 1;
            var j = SkipOptions(argv, composeStart, RunValueOptions);
            if (j < argv.Count && argv[j].Text is "exec" or "run")
            {
                RunInside(argv, j + 1, invocation, fresh: argv[j].Text == "run", $"compose {argv[j].Text}");
                return;
            }
        }
        else if (subcommand is "run" or "create" or "exec")
        {
            RunInside(argv, i + 1, invocation, fresh: subcommand != "exec", subcommand);
            return;
        }

        commands.ApplyRules(entry, argv, invocation);
    }

    /// <summary>Reads the options of run/exec up to the image or container, then analyzes the command after it.</summary>
    private void RunInside(IReadOnlyList<Arg> argv, int start, Invocation invocation, bool fresh, string how)
    {
        var mounts = new List<(string Inside, string Host)>();
        string? workdir = null;
        var i = start;
        for (; i < argv.Count && argv[i].Text.StartsWith('-') && argv[i].Text != "--"; i++)
        {
            var (option, value) = Split(argv, ref i);
            switch (option)
            {
                case "-v" or "--volume" when value is not null:
                    AddVolume(value, mounts);
                    break;
                case "--mount" when value is not null:
                    AddMount(value, mounts);
                    break;
                case "-w" or "--workdir":
                    workdir = value;
                    break;
            }
        }

        // Mounting a credential store gives the container, and whatever it prints, the credentials.
        foreach (var (_, host) in mounts)
        {
            var mounted = context.Paths.Classify(host, context.Cwd);
            if (mounted.IsCredentialStore)
            {
                commands.AddCredentialRead(mounted, invocation);
            }
        }

        var target = i < argv.Count ? argv[i].Text : "(a container)";
        var inner = argv.Skip(i + 1).ToList();
        context.Add(new Operation { Kind = "container.run", Verb = Verb.Execute, BlastRadius = BlastRadius.LocalScratch, Target = target, Evidence = invocation.Evidence, Tool = "docker" }, invocation);
        if (inner.Count == 0)
        {
            return;
        }

        context.Note($"docker {how} runs in '{target}': {string.Join(' ', inner.Select(a => a.Text))}{(mounts.Count > 0 ? $" (mounts: {string.Join(", ", mounts.Select(m => $"{m.Host}→{m.Inside}"))})" : "")}");
        var inside = invocation with
        {
            Container = new ContainerContext(mounts, fresh),
            Scope = new ShellScope(workdir ?? "/", home: "/root"),
            Depth = invocation.Depth + 1,
        };
        commands.Analyze(inner, inside);
    }

    private (string Option, string? Value) Split(IReadOnlyList<Arg> argv, ref int i)
    {
        var text = argv[i].Text;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (text.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            return (text[..equals], text[(equals + 1)..]);
        }

        if (RunValueOptions.Contains(text) && i + 1 < argv.Count)
        {
            return (text, argv[++i].Text);
        }

        // Bundled short flags (-it, -itd) take no value; -v/-e/-w/-p may carry one attached (-v/:/host).
        if (text.Length > 2 && text[1] != '-' && RunValueOptions.Contains(text[..2]))
        {
            return (text[..2], text[2..]);
        }

        return (text, null);
    }

    /// <summary><c>-v SRC:DST[:ro]</c>: a bind mount when SRC is a path; a named volume otherwise.</summary>
    private void AddVolume(string spec, List<(string, string)> mounts)
    {
        var parts = spec.Split(':');
        if (parts.Length >= 2 && IsHostPath(parts[0]))
        {
            mounts.Add((PathClassifier.Normalize(parts[1]), HostPath(parts[0])));
        }
    }

    /// <summary><c>--mount type=bind,source=/,target=/host</c>.</summary>
    private void AddMount(string spec, List<(string, string)> mounts)
    {
        var fields = spec.Split(',').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        var source = fields.GetValueOrDefault("source") ?? fields.GetValueOrDefault("src");
        var destination = fields.GetValueOrDefault("target") ?? fields.GetValueOrDefault("destination") ?? fields.GetValueOrDefault("dst");
        if (source is not null && destination is not null && IsHostPath(source))
        {
            mounts.Add((PathClassifier.Normalize(destination), HostPath(source)));
        }
    }

    private static string? HostOf(string address)
    {
        if (address.StartsWith("unix://", StringComparison.Ordinal) || address.StartsWith("npipe://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        rest = rest[(rest.LastIndexOf('@') + 1)..];
        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }

    private static bool IsHostPath(string source) => source.StartsWith('/') || source.StartsWith('~') || source.StartsWith('.');

    private string HostPath(string source) => PathClassifier.Resolve(source, context.Cwd);

    private static int SkipOptions(IReadOnlyList<Arg> argv, int i, IReadOnlySet<string> valueOptions)
    {
        while (i < argv.Count && argv[i].Text.StartsWith('-'))
        {
            i += valueOptions.Contains(argv[i].Text) ? 2 : 1;
        }

        return i;
    }
}
