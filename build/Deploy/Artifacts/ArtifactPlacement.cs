using Deploy.Environments;

namespace Deploy.Artifacts;

/// <summary>One artifact of the manifest, its local file, and the store destination routing chose for it.</summary>
public sealed record ArtifactPlacement(ManifestArtifact Artifact, string LocalPath, StoreDestination Destination)
{
    /// <summary>
    /// Places every artifact of the manifest through <paramref name="routing"/> (function zips to their function's
    /// region, the site zip to the pipeline region). Routing fails for a region without a store before anything is written.
    /// </summary>
    public static IReadOnlyList<ArtifactPlacement> ForManifest(ArtifactManifest manifest, string artifactsFolder, StoreRouting routing) =>
        ArtifactSelection.Place(manifest.Artifacts, manifest.Version, artifactsFolder, routing);
}

/// <summary>What a store holds under one key: size and the hashes recorded in its metadata when it was uploaded.</summary>
/// <remarks><paramref name="VersionId"/>: the S3 object version (the stores are versioned), which a function update pins.</remarks>
public sealed record StoredArtifact(string Region, string Bucket, string Key, long Size, string? Sha256, string? CodeSha256, DateTimeOffset? LastModified = null, string? VersionId = null);

/// <summary>Keys of the artifact store, as StoreRouting writes them: {project}/{environment}/{name}/{version}/{name}-{sha}.zip.</summary>
public static class ArtifactKeys
{
    public static string VersionPrefix(string project, string environment, string name, string version) => $"{project}/{environment}/{name}/{version}/";

    public const string Sha256Metadata = "sha256";
    public const string CodeSha256Metadata = "codesha256";
}
