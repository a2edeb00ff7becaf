using Airlock.Configuration;

namespace Airlock.Catalog;

/// <summary>
/// The built-in catalog's tool entries, indexed by name from a cheap scan of the text and parsed one at
/// a time when a command first names them. A hook process analyzes one call, which names a few tools
/// out of about two hundred; parsing all of them at every start cost about 15 ms (docs/benchmarks.md).
/// The whole file is still parsed and validated by the tests.
/// </summary>
internal sealed class LazyToolBlocks
{
    private readonly Dictionary<string, Block> _byName = new(StringComparer.Ordinal);
    private readonly string _source;

    private LazyToolBlocks(string source)
    {
        _source = source;
    }

    /// <summary>Splits the <c>tools:</c> section into blocks (one per <c>  - names:</c> item) and reads each block's names; returns the text before it.</summary>
    public static (LazyToolBlocks Blocks, string Header) Index(string yaml, string source)
    {
        var blocks = new LazyToolBlocks(source);
        var lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var toolsLine = Array.FindIndex(lines, l => l.StartsWith("tools:", StringComparison.Ordinal));
        if (toolsLine < 0)
        {
            return (blocks, yaml);
        }

        var start = -1;
        for (var i = toolsLine + 1; i <= lines.Length; i++)
        {
            var opensBlock = i < lines.Length && lines[i].StartsWith("  - ", StringComparison.Ordinal);
            var endsSection = i == lines.Length || (lines[i].Length > 0 && !char.IsWhiteSpace(lines[i][0]) && !lines[i].StartsWith('#'));
            if ((opensBlock || endsSection) && start >= 0)
            {
                blocks.Add(lines, start, i);
                start = -1;
            }

            if (endsSection)
            {
                break;
            }

            if (opensBlock)
            {
                start = i;
            }
        }

        return (blocks, string.Join('\n', lines.Take(toolsLine)));
    }

    public IEnumerable<string> Names => _byName.Keys;

    public ToolEntry? Find(string name)
    {
        if (!_byName.TryGetValue(name, out var block))
        {
            return null;
        }

        return block.Entry ??= Parse(block);
    }

    private void Add(string[] lines, int start, int end)
    {
        var block = new Block(start, string.Join('\n', lines[start..end]));
        // "  - names: [a, b,\n  c]": the names are a flow list that may continue on the next lines.
        var text = block.Text.TrimStart(' ', '-');
        var close = text.IndexOf(']', StringComparison.Ordinal);
        if (!text.StartsWith("names:", StringComparison.Ordinal) || close < 0)
        {
            throw new ConfigException([new ConfigError(_source, start + 1, "a catalog tool must start with 'names: [...]'")]);
        }

        // Names are plain or quoted words without commas or brackets; a full YAML parse per block is not needed here.
        var open = text.IndexOf('[', StringComparison.Ordinal);
        foreach (var name in text[(open + 1)..close].Split(','))
        {
            var trimmed = name.Trim().Trim('"', '\'');
            if (trimmed.Length > 0)
            {
                _byName[trimmed] = block;
            }
        }
    }

    private ToolEntry Parse(Block block)
    {
        // Blank lines in front keep the line numbers of errors those of the file.
        var text = new string('\n', Math.Max(0, block.Line - 1)) + "tools:\n" + block.Text;
        var errors = new ConfigErrors(_source);
        var root = YamlMap.From(YamlParser.Parse(text, _source), errors, "the catalog")!;
        var catalog = CatalogLoader.Read(root, errors, baseCatalog: null);
        if (errors.Any)
        {
            throw new ConfigException(errors.All);
        }

        return catalog.LocalEntries.Single();
    }

    private sealed class Block(int line, string text)
    {
        public int Line { get; } = line;

        public string Text { get; } = text;

        public ToolEntry? Entry { get; set; }
    }
}
