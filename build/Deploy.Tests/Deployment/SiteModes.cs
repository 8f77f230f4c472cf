using Deploy.Environments;

namespace Deploy.Tests.Deployment;

/// <summary>The deploy tests run in both site modes: the local environment of environments.json with releases.mode set.</summary>
static class SiteModes
{
    public const string Release = ReleaseSettings.ReleaseMode;
    public const string InPlace = ReleaseSettings.InPlaceMode;

    public static EnvironmentsFile WithLocalIn(this EnvironmentsFile file, string mode) => file with
    {
        Environments = file.Environments.ToDictionary(e => e.Key,
            e => e.Key == "local" ? e.Value with { Releases = (e.Value.Releases ?? ReleaseSettings.Default) with { Mode = mode } } : e.Value),
    };
}
