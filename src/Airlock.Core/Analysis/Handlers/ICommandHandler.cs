using Airlock.Catalog;
using Airlock.Shell;

namespace Airlock.Analysis.Handlers;

/// <summary>Understands the arguments of one family of tools and reports their operations.</summary>
internal interface ICommandHandler
{
    /// <summary>Analyzes <paramref name="argv"/> (program name first); <paramref name="entry"/> is null for a script run by path.</summary>
    void Handle(ToolEntry? entry, IReadOnlyList<Arg> argv, Invocation invocation);
}
