using System.Text.Json;
using System.Text.Json.Nodes;

namespace Airlock.Cli.Install;

/// <summary>
/// A client's JSON settings file as the installers read and write it: comments and trailing commas
/// are tolerated on reading, the previous file is kept beside it as <c>*.airlock-backup</c>, and the new
/// one is written to a temporary file and moved into place, so a crash never leaves half a file.
/// </summary>
internal static class JsonSettingsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The file's object; an empty one when the file does not exist or is empty.</summary>
    public static JsonObject Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new InstallException($"{path} does not hold a JSON object; fix or move it, then run the install again.");
        }
        catch (JsonException e)
        {
            throw new InstallException($"{path} is not valid JSON ({e.Message}); fix it, then run the install again. Nothing was changed.");
        }
    }

    public static void Save(string path, JsonObject root)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (File.Exists(path))
        {
            File.Copy(path, path + ".airlock-backup", overwrite: true);
        }

        var temporary = path + ".airlock-tmp";
        File.WriteAllText(temporary, root.ToJsonString(Indented) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
