namespace Airlock.Redaction;

/// <summary>One secret that was removed: what kind, and where (a JSON path like <c>$.input.command</c>, or "text").</summary>
public sealed record RedactionNote(string Path, string Kind);
