using System.Text.Json.Serialization;

namespace Airlock.Model;

/// <summary>What an operation does to its target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verb>))]
public enum Verb
{
    /// <summary>Looks, changes nothing.</summary>
    [JsonStringEnumMemberName("read")] Read,
    /// <summary>Runs a program whose effect is not known to be harmful (build, test, an unknown tool).</summary>
    [JsonStringEnumMemberName("execute")] Execute,
    /// <summary>Creates or changes data or configuration.</summary>
    [JsonStringEnumMemberName("write")] Write,
    /// <summary>Removes data, resources or history.</summary>
    [JsonStringEnumMemberName("delete")] Delete,
    /// <summary>Releases, applies infrastructure or runs migrations.</summary>
    [JsonStringEnumMemberName("deploy")] Deploy,
    /// <summary>Rewrites or discards version-control history.</summary>
    [JsonStringEnumMemberName("rewrite-history")] RewriteHistory,
    /// <summary>Reads a credential store or hunts for secrets.</summary>
    [JsonStringEnumMemberName("credential-access")] CredentialAccess,
    /// <summary>Sends credentials, the environment or secret files off the machine.</summary>
    [JsonStringEnumMemberName("exfiltrate")] Exfiltrate,
    /// <summary>Runs something that cannot be analyzed statically.</summary>
    [JsonStringEnumMemberName("execute-unknown")] ExecuteUnknown,
}
