namespace Airlock.Sql;

/// <summary>The lexical classes the SQL classifier distinguishes.</summary>
internal enum SqlTokenKind
{
    /// <summary>A keyword or bare identifier, a <c>@variable</c> or a <c>$1</c> parameter.</summary>
    Word,
    /// <summary>A "double-quoted", `backtick` or [bracketed] identifier.</summary>
    QuotedIdentifier,
    /// <summary>A single-quoted literal, with any E/N/X prefix.</summary>
    String,
    /// <summary>A Postgres <c>$tag$…$tag$</c> literal.</summary>
    DollarString,
    Number,
    /// <summary>Punctuation or an operator.</summary>
    Symbol,
    /// <summary>A statement boundary: <c>;</c> or a T-SQL <c>GO</c> line.</summary>
    Semicolon,
    /// <summary>A client command line: psql/mysql <c>\…</c> or SQLite <c>.…</c>.</summary>
    ClientCommand,
}
