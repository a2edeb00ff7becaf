namespace Airlock.Analysis;

/// <summary>
/// A set of path globs compiled once per catalog: each pattern split into segments ahead of time,
/// <c>!</c> patterns as exclusions, and <c>~/</c> patterns matched against the part of a path below any
/// home folder. Path classification runs for every path-like argument, so this is on the hot path
/// (the latency harness in benchmarks/ showed path-heavy commands as the slowest).
/// </summary>
internal sealed class PathPatterns
{
    private readonly Pattern[] _include;
    private readonly Pattern[] _exclude;

    public PathPatterns(IEnumerable<string> patterns)
    {
        var compiled = patterns.Select(p => new Pattern(p.TrimStart('!'), p.StartsWith('!'))).ToList();
        _include = compiled.Where(p => !p.Negated).ToArray();
        _exclude = compiled.Where(p => p.Negated).ToArray();
        _lastNames = _include.Select(p => p.LastName).Where(n => n.Length > 0 && n != "**" && n != "*").Distinct(StringComparer.Ordinal).ToArray();
    }

    private readonly string[] _lastNames;

    /// <summary>Whether a bare name could be one of the files (<c>id_rsa</c> after <c>cd ~/.ssh</c>), so it is worth classifying.</summary>
    public bool MayName(string name)
    {
        foreach (var last in _lastNames)
        {
            if (Glob.Match(last, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the path matches a pattern (and no exclusion); with <paramref name="folders"/>, also a folder above a pattern below a home folder; with <paramref name="glob"/>, a glob path that may match one.</summary>
    public bool Matches(string path, bool folders = false, bool glob = false)
    {
        var segments = path.Split('/');
        var home = HomeRelativeSegments(segments);
        if (_exclude.Any(p => p.Matches(segments, home)))
        {
            return false;
        }

        foreach (var pattern in _include)
        {
            if (!pattern.CouldConcern(segments, home, glob))
            {
                continue;
            }

            if (pattern.Matches(segments, home)
                || (folders && home is { Length: > 0 } && pattern.IsBelowFolder(home))
                || (glob && pattern.MayMatchGlob(segments, home)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The segments below a home folder (~, /home/NAME, /Users/NAME, /root), or null.</summary>
    private static string[]? HomeRelativeSegments(string[] segments) => segments switch
    {
        ["~", .. var rest] => rest,
        ["", "home" or "Users", _, .. var rest] => rest,
        ["", "root", .. var rest] => rest,
        _ => null,
    };

    private sealed class Pattern
    {
        private readonly string[] _segments;
        private readonly bool _homeRelative;
        private readonly int _literalCount;

        public Pattern(string text, bool negated)
        {
            Negated = negated;
            _homeRelative = text.StartsWith("~/", StringComparison.Ordinal);
            _segments = (_homeRelative ? text[2..] : text).Split('/');
            _literalCount = _segments.TakeWhile(s => s.AsSpan().IndexOfAny("*?[") < 0).Count();
        }

        public bool Negated { get; }

        public string LastName => _segments[^1];

        /// <summary>
        /// A cheap first check on literal first and last names (<c>.ssh</c>, <c>.pgpass</c>): nearly every
        /// path is ruled out here without running the segment matcher.
        /// </summary>
        public bool CouldConcern(string[] path, string[]? home, bool glob)
        {
            if (glob)
            {
                return true;
            }

            var subject = _homeRelative ? home : path;
            if (subject is null || subject.Length == 0)
            {
                return false;
            }

            if (_literalCount > 0 && !string.Equals(_segments[0], subject[0], StringComparison.Ordinal))
            {
                return false;
            }

            var last = _segments[^1];
            return last.AsSpan().IndexOfAny("*?[") >= 0 || _segments.Length > subject.Length || string.Equals(last, subject[^1], StringComparison.Ordinal)
                || IsBelowFolderCandidate(subject);
        }

        private bool IsBelowFolderCandidate(string[] subject) => _homeRelative && subject.Length < _segments.Length;

        public bool Matches(string[] path, string[]? home) =>
            _homeRelative ? home is not null && Glob.MatchSegments(_segments, home) : Glob.MatchSegments(_segments, path);

        /// <summary><c>~/.ssh</c> is a folder above <c>~/.ssh/id_*</c>: every literal segment of the folder leads there.</summary>
        public bool IsBelowFolder(string[] home)
        {
            if (!_homeRelative || home.Length >= _segments.Length || home.Length > _literalCount)
            {
                return false;
            }

            for (var i = 0; i < home.Length; i++)
            {
                if (!string.Equals(home[i], _segments[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A glob path (<c>~/**/credentials</c>) may match: its literal prefix leads to the pattern and the last names can match.</summary>
        public bool MayMatchGlob(string[] path, string[]? home)
        {
            var subject = _homeRelative ? home : path;
            if (subject is null || subject.Length == 0)
            {
                return false;
            }

            var prefix = subject.TakeWhile(s => s.AsSpan().IndexOfAny("*?[") < 0).ToArray();
            for (var i = 0; i < prefix.Length && i < _segments.Length; i++)
            {
                if (!Glob.Match(_segments[i], prefix[i]))
                {
                    return false;
                }
            }

            var last = subject[^1];
            var lastPattern = _segments[^1];
            return Glob.Match(last, lastPattern) || Glob.Match(lastPattern, last);
        }
    }
}
