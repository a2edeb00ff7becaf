using System.Text.Json.Nodes;

namespace Airlock.Cli.Install;

/// <summary>
/// Merges Airlock's hook into a client's settings file and takes it out again. Other settings and
/// hooks are kept as they are, the file stays valid JSON, a backup of the previous file is written
/// beside it, and installing twice changes nothing the second time.
/// </summary>
internal sealed class HookInstaller(ClientHookSpec spec, string settingsPath, string hookCommand, int timeoutSeconds = ClientHookSpec.DefaultTimeoutSeconds)
{
    public string SettingsPath => settingsPath;

    /// <summary>Installs; returns false when the file already had exactly this hook.</summary>
    public bool Install()
    {
        var root = Load();
        var before = root.ToJsonString();
        Remove(root);
        spec.Add(root, hookCommand, timeoutSeconds);
        if (root.ToJsonString() == before)
        {
            return false;
        }

        Save(root);
        return true;
    }

    /// <summary>Uninstalls; returns false when there was nothing of Airlock's to remove.</summary>
    public bool Uninstall()
    {
        if (!File.Exists(settingsPath))
        {
            return false;
        }

        var root = Load();
        if (!Remove(root))
        {
            return false;
        }

        Save(root);
        return true;
    }

    private JsonObject Load() => JsonSettingsFile.Load(settingsPath);

    /// <summary>Removes every hook entry whose command runs <c>airlock … hook</c>; true when any was removed.</summary>
    private bool Remove(JsonObject root)
    {
        var removed = false;
        foreach (var eventName in spec.Events)
        {
            if (Navigate(root, spec.HooksPath)?[eventName] is not JsonArray entries)
            {
                continue;
            }

            for (var i = entries.Count - 1; i >= 0; i--)
            {
                if (entries[i] is JsonObject entry && spec.Strip(entry, IsAirlockCommand))
                {
                    entries.RemoveAt(i);
                    removed = true;
                }
            }
        }

        return removed;
    }

    private static bool IsAirlockCommand(string? command) =>
        command is not null && command.Contains("airlock", StringComparison.OrdinalIgnoreCase) && command.Contains(" hook ", StringComparison.Ordinal);

    private static JsonObject? Navigate(JsonObject root, IReadOnlyList<string> path)
    {
        JsonObject? node = root;
        foreach (var key in path)
        {
            node = node?[key] as JsonObject;
        }

        return node;
    }

    private void Save(JsonObject root) => JsonSettingsFile.Save(settingsPath, root);
}

/// <summary>An install cannot proceed; the message says what to fix.</summary>
internal sealed class InstallException(string message) : Exception(message);
