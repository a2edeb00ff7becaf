using Airlock.Catalog;
using Airlock.Model;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>printenv and bare <c>set</c>: reading the environment is harmless locally, but what they print carries secrets.</summary>
internal sealed class EnvDumpHandler(AnalysisContext context) : ICommandHandler
{
    public void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var names = argv.Skip(1).Where(a => !a.Text.StartsWith('-') && !a.Text.StartsWith('+')).ToList();
        var dumpsAll = names.Count == 0 && (entry.Names[0] != "set" || argv.Count == 1);
        if (dumpsAll || names.Any(n => SecretNames.LooksSecret(n.Text)))
        {
            context.Add(new Operation { Kind = "env.read", Verb = Verb.Read, Target = dumpsAll ? "the environment" : string.Join(' ', names), Evidence = invocation.Evidence, Tool = entry.Names[0] }, invocation);
        }
    }
}
