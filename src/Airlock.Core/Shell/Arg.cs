namespace Airlock.Shell;

/// <summary>One argument after expansion. Unknown arguments keep their source text for evidence.</summary>
internal sealed record Arg(string Text, bool Known = true)
{
    /// <summary>Unquoted glob characters survived expansion, so the shell would expand it to files.</summary>
    public bool Glob { get; init; }

    /// <summary>Carries secret data: the environment, a credential file's content, a secret variable.</summary>
    public bool Tainted { get; init; }

    public override string ToString() => Text;
}
