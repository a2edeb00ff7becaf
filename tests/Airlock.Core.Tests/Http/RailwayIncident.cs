namespace Airlock.Tests.Http;

/// <summary>The command that deleted a production volume, exactly as the agent ran it.</summary>
internal static class RailwayIncident
{
    public const string Command = """curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \"abc\") }"}'""";
}
