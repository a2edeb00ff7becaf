using System.Text.Json;
using Airlock.Model;

namespace Airlock.Analysis;

/// <summary>The agents' file tools (Read, Write, Edit, apply_patch…): judged by the paths they touch.</summary>
internal sealed class FileToolAnalyzer(AnalysisContext context)
{
    private static readonly string[] PathFields = ["file_path", "path", "absolute_path", "filePath", "notebook_path", "target_file", "filename", "dir_path"];

    public void Analyze(ActionRequest request, bool writes, Invocation invocation)
    {
        var paths = PathsOf(request.Input).ToList();
        var deleted = new List<string>();
        if (request.Tool.Equals("apply_patch", StringComparison.OrdinalIgnoreCase))
        {
            (paths, deleted) = PatchPaths(request.Input);
        }

        if (paths.Count == 0 && deleted.Count == 0)
        {
            paths.Add(".");
        }

        // Grep and Glob search: a secret-hunting pattern outside the project, or a glob over credential stores.
        var pattern = request.Input.ValueKind == JsonValueKind.Object && request.Input.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var isGlob = request.Tool.Equals("Glob", StringComparison.OrdinalIgnoreCase) || request.Tool.Equals("glob", StringComparison.OrdinalIgnoreCase);
        if (isGlob && pattern is not null)
        {
            paths = [pattern.StartsWith('/') || pattern.StartsWith('~') || paths.Count == 0 ? pattern : paths[0].TrimEnd('/') + "/" + pattern];
        }

        foreach (var raw in paths)
        {
            var path = context.Paths.Classify(raw, request.Cwd, glob: isGlob);
            if (!writes && pattern is not null && !isGlob && Handlers.SearchHandler.LooksSecret(pattern) && path.Radius >= BlastRadius.Machine)
            {
                context.Add(KnownOperations.Credential(path.Path, $"{request.Tool} searches '{path.Path}' for '{pattern}'", request.Tool, kind: "credential.search"));
                continue;
            }

            if (path.IsCredentialStore && !writes)
            {
                context.Add(KnownOperations.Credential(path.Path, $"{request.Tool} of the credential store '{path.Path}'", request.Tool));
                continue;
            }

            context.Add(new Operation
            {
                Kind = writes ? "file.edit" : "file.read",
                Verb = writes ? Verb.Write : Verb.Read,
                Reversibility = Reversibility.Reversible,
                BlastRadius = writes ? path.Radius : BlastRadius.None,
                Target = path.Path,
                Evidence = $"{request.Tool} '{raw}' ({path.Reason})",
                Tool = request.Tool,
            });
            if (writes)
            {
                SensitiveWrites.Flag(context, path, invocation);
            }
        }

        foreach (var raw in deleted)
        {
            var path = context.Paths.Classify(raw, request.Cwd);
            context.Add(new Operation
            {
                Kind = "file.delete",
                Verb = Verb.Delete,
                Reversibility = Reversibility.Irreversible,
                BlastRadius = path.Radius,
                Target = path.Path,
                Evidence = $"the patch deletes '{raw}'",
                Tool = request.Tool,
            });
        }
    }

    private static IEnumerable<string> PathsOf(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var field in PathFields)
        {
            if (input.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } path)
            {
                yield return path;
            }
        }

        if (input.TryGetProperty("paths", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in many.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String))
            {
                yield return item.GetString()!;
            }
        }
    }

    /// <summary>Codex's apply_patch envelope: <c>*** Update File: path</c>, <c>*** Add File:</c>, <c>*** Delete File:</c>.</summary>
    private static (List<string> Written, List<string> Deleted) PatchPaths(JsonElement input)
    {
        var written = new List<string>();
        var deleted = new List<string>();
        var text = ActionAnalyzer.ShellCommandOf(input) ?? (input.ValueKind == JsonValueKind.Object && input.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null) ?? "";
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            foreach (var (marker, list) in new[] { ("*** Update File: ", written), ("*** Add File: ", written), ("*** Move to: ", written), ("*** Delete File: ", deleted) })
            {
                if (trimmed.StartsWith(marker, StringComparison.Ordinal))
                {
                    list.Add(trimmed[marker.Length..].Trim());
                }
            }
        }

        return (written, deleted);
    }
}
