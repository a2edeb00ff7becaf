namespace Airlock.Shell;

/// <summary>The input cannot be parsed within Airlock's bounds (nesting, size), so it cannot be analyzed.</summary>
internal sealed class ShellParseException(string message) : Exception(message);
