using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>Writing a credential store or the agents' hook settings is not ordinary file work.</summary>
internal static class SensitiveWrites
{
    /// <summary>Flags a change to a protected path; <paramref name="credentials"/> also flags writes into credential stores (a delete is judged by its blast radius instead).</summary>
    public static void Flag(AnalysisContext context, LocalPath path, Invocation invocation, bool credentials = true)
    {
        if (path.IsProtected)
        {
            context.Add(new Operation
            {
                Kind = "airlock.tamper",
                Verb = Verb.Write,
                Reversibility = Reversibility.Irreversible,
                BlastRadius = BlastRadius.Machine,
                Target = path.Path,
                Evidence = $"changes agent hook settings or Airlock's own configuration: {invocation.Evidence}",
                Tool = "shell",
            }, invocation);
        }

        if (credentials && path.IsCredentialStore)
        {
            context.Add(KnownOperations.Credential(path.Path, $"changes the credential store '{path.Path}': {invocation.Evidence}", "shell", kind: "credential.write"), invocation);
        }
    }
}
