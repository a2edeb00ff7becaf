namespace Airlock.Shell;

/// <summary>A parsed shell script: commands in the order they appear.</summary>
internal sealed record CommandList(IReadOnlyList<Command> Commands);

/// <summary>Any command form. Pipelines and and-or lists flatten into <see cref="CommandList"/> because every part may run.</summary>
internal abstract record Command(IReadOnlyList<Redirect> Redirects);

/// <summary><c>NAME=value … word … &lt;redirects&gt;</c>.</summary>
internal sealed record SimpleCommand(IReadOnlyList<Assignment> Assignments, IReadOnlyList<Word> Words, IReadOnlyList<Redirect> Redirects)
    : Command(Redirects)
{
    /// <summary>The command that feeds this one's stdin through a pipe, when there is one.</summary>
    public Command? Upstream { get; set; }

    /// <summary>Whether this command's stdout goes into a pipe.</summary>
    public bool PipedOutput { get; set; }
}

/// <summary>A subshell, brace group, loop, conditional, case or function body: its parts all may run.</summary>
internal sealed record CompoundCommand(string Keyword, IReadOnlyList<CommandList> Bodies, IReadOnlyList<Word> Words, IReadOnlyList<Redirect> Redirects, string? LoopVariable = null)
    : Command(Redirects);

/// <summary><c>NAME=value</c> or <c>NAME+=value</c>.</summary>
internal sealed record Assignment(string Name, Word Value, bool Append)
{
    /// <summary>For <c>NAME=(a b c)</c>: the array's elements.</summary>
    public IReadOnlyList<Word>? Elements { get; init; }
}

/// <summary>A redirection; a here-document keeps its body.</summary>
internal sealed record Redirect(string Operator, Word Target)
{
    public string? HereDocBody { get; set; }

    public bool HereDocQuoted { get; init; }

    public bool IsOutput => Operator is ">" or ">>" or ">|" or "&>" or "&>>" or "<>";
}

/// <summary>A shell word made of literal, quoted and expansion parts.</summary>
internal sealed record Word(IReadOnlyList<WordPart> Parts)
{
    public static Word Literal(string text) => new([new LiteralPart(text, Quoted: true)]);

    /// <summary>The source-like text of the word, for evidence.</summary>
    public string Source { get; init; } = "";
}

internal abstract record WordPart;

/// <summary>Text; <paramref name="Quoted"/> when it came from quotes (no globbing, no field splitting, no tilde).</summary>
internal sealed record LiteralPart(string Text, bool Quoted) : WordPart;

/// <summary><c>$name</c>, <c>${name…}</c>; <paramref name="Operator"/> is what followed the name inside braces.</summary>
internal sealed record ParameterPart(string Name, string? Operator, Word? Argument, bool Quoted) : WordPart;

/// <summary><c>$(…)</c> or backquotes: the commands run, the value is their output.</summary>
internal sealed record CommandSubstitutionPart(CommandList Body, bool Quoted) : WordPart;

/// <summary><c>&lt;(…)</c> or <c>&gt;(…)</c>.</summary>
internal sealed record ProcessSubstitutionPart(CommandList Body) : WordPart;

/// <summary><c>$((…))</c>: a number whose value is not computed; <paramref name="Inner"/> holds the command substitutions inside it, which run.</summary>
internal sealed record ArithmeticPart(string Expression, CommandList Inner) : WordPart;
