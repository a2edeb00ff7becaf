namespace Airlock.Redaction;

/// <summary>
/// An option that carries a secret for one program only (<c>-p</c> is a password to mysql and a port to
/// ssh): whether the value may be glued on (<c>-psecret</c>), may be the next word, and which part is secret.
/// </summary>
internal readonly record struct ProgramOption(string Name, bool Glued, bool Separate, ProgramOptionValue Value, string Kind);
