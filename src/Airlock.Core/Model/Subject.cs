namespace Airlock.Model;

/// <summary>Who is asking: the tenant, workspace, agent and session a tool call belongs to.</summary>
public sealed record Subject
{
    public string? Tenant { get; init; }
    public string? Workspace { get; init; }
    public string? Agent { get; init; }
    public string? Session { get; init; }

    public static Subject Anonymous { get; } = new();
}
