using Airlock.Model;

namespace Airlock.Sql;

/// <summary>One effect of a database statement: what kind of change, to what, and the text that showed it.</summary>
internal sealed record SqlFinding(string Kind, Verb Verb, Reversibility Reversibility, string Target, string Evidence);
