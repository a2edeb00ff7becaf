namespace Airlock.Redaction;

/// <summary>Which part of a program option's value is the secret.</summary>
internal enum ProgramOptionValue
{
    /// <summary>All of it: <c>mysql -psecret</c>.</summary>
    Whole,

    /// <summary>What follows the first colon: <c>curl -u user:secret</c>. Without a colon the program prompts.</summary>
    AfterColon,

    /// <summary>All of it, when it holds <c>name=value</c> pairs: <c>curl -b 'session=…'</c> (else it is a file name).</summary>
    CookiePairs,
}
