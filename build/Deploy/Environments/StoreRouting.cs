using Deploy.Artifacts;

namespace Deploy.Environments;

/// <summary>An artifact as routing sees it: its name, whether it is the site or a function, and its content hash.</summary>
public sealed record ArtifactRef(string Name, ArtifactKind Kind, string Sha256);

public enum ArtifactKind { Site, Function }

/// <summary>Where one artifact goes: the store bucket of its region, the region's KMS key (alias or ARN as configured) and a content-addressed key.</summary>
public sealed record StoreDestination(string Artifact, string Region, string Bucket, string KmsKey, string Key);

/// <summary>
/// Region → store routing. The site zip goes to the pipeline region's store (the pipeline reads it there), each
/// function zip to the store of its function's region (Lambda reads code only from a bucket in its own region).
/// A region without a store fails for the whole set, before anything is written.
/// </summary>
public sealed class StoreRouting(EnvironmentsFile file, string environmentName)
{
    readonly DeployEnvironment environment = file.Environments[environmentName];

    public IReadOnlyList<StoreDestination> Route(string version, IEnumerable<ArtifactRef> artifacts) =>
        artifacts.Select(a => Route(version, a)).ToList();

    public StoreDestination Route(string version, ArtifactRef artifact)
    {
        var region = RegionOf(artifact);
        var store = file.StoreOf(environment);
        if (!store.Regions.TryGetValue(region, out var storeRegion))
            throw new StoreRoutingException(
                $"artifact '{artifact.Name}' needs region {region}, which has no bucket in artifact store '{environment.ArtifactStore}'; fix: add regions['{region}'] to artifactStores.{environment.ArtifactStore} in infra/environments.json");
        return new StoreDestination(artifact.Name, region, storeRegion.Bucket, storeRegion.KmsKey, KeyFor(version, artifact));
    }

    public string RegionOf(ArtifactRef artifact) => artifact.Kind switch
    {
        ArtifactKind.Site => file.PipelineRegion,
        _ when environment.Functions.TryGetValue(artifact.Name, out var function) => function.Region,
        _ => throw new StoreRoutingException(
            $"function artifact '{artifact.Name}' is not a function of environment '{environmentName}'; fix: add functions['{artifact.Name}'] to environments.{environmentName} in infra/environments.json"),
    };

    /// <summary>
    /// Where every build of one version of an artifact lives; rollback finds a version's zip under it. The environment is
    /// part of the key, so an object says which environment it was built for, in whichever store it is found.
    /// </summary>
    public string PrefixFor(string version, string artifactName) => ArtifactKeys.VersionPrefix(file.Project, environmentName, artifactName, version);

    /// <summary>Content-addressed: the same bytes under the same version always land on the same key, so an existing key means "already there".</summary>
    public string KeyFor(string version, ArtifactRef artifact) =>
        $"{PrefixFor(version, artifact.Name)}{artifact.Name}-{artifact.Sha256[..Math.Min(16, artifact.Sha256.Length)].ToLowerInvariant()}.zip";
}

public sealed class StoreRoutingException(string message) : Exception(message);
