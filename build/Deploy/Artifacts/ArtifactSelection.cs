using Deploy.Environments;

namespace Deploy.Artifacts;

/// <summary>
/// The artifacts of the manifest a deploy writes, checked before the first write: each one the scope needs must be
/// listed (a targeted deploy may reuse a manifest written for other parts), and each file must still be the one the
/// manifest describes (size and SHA-256), so what is deployed is exactly what was packaged.
/// </summary>
public static class ArtifactSelection
{
    public static IReadOnlyList<ManifestArtifact> Select(ArtifactManifest manifest, bool site, IReadOnlyCollection<string> functions, string manifestPath)
    {
        var selected = new List<ManifestArtifact>();
        if (site)
            selected.Add(manifest.Site ?? throw Missing("the site", manifest, manifestPath));
        foreach (var name in functions.Order(StringComparer.Ordinal))
            selected.Add(manifest.Functions.FirstOrDefault(f => f.Name == name) ?? throw Missing($"function '{name}'", manifest, manifestPath));
        return selected;
    }

    /// <summary>Hashes every placed file and compares it with the manifest; reads only.</summary>
    public static async Task VerifyAsync(IEnumerable<ArtifactPlacement> placements, string manifestPath, CancellationToken cancellationToken)
    {
        foreach (var placement in placements)
        {
            if (!File.Exists(placement.LocalPath))
                throw new ArtifactException($"{placement.LocalPath} is missing, but {manifestPath} lists it; fix: run ./build.sh Package again");
            var hash = await ArtifactHash.OfFileAsync(placement.LocalPath, cancellationToken);
            if (hash.Size != placement.Artifact.Size || !string.Equals(hash.Sha256, placement.Artifact.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ArtifactException($"{placement.LocalPath} is not the file {manifestPath} lists ({hash.Size:N0} bytes, sha256 {hash.Sha256[..16]}…; "
                                            + $"listed: {placement.Artifact.Size:N0} bytes, {placement.Artifact.Sha256[..16]}…); fix: run ./build.sh Package again");
        }
    }

    static ArtifactException Missing(string what, ArtifactManifest manifest, string manifestPath) =>
        new($"{manifestPath} (version {manifest.Version}) lists no artifact for {what}; fix: run ./build.sh Package (a targeted deploy's manifest holds only its own parts)");

    public static IReadOnlyList<ArtifactPlacement> Place(IReadOnlyList<ManifestArtifact> artifacts, string version, string artifactsFolder, StoreRouting routing) =>
        artifacts.Select(artifact =>
        {
            var kind = artifact.Kind == ManifestArtifact.SiteKind ? ArtifactKind.Site : ArtifactKind.Function;
            return new ArtifactPlacement(artifact, artifact.FullPath(artifactsFolder), routing.Route(version, new ArtifactRef(artifact.Name, kind, artifact.Sha256)));
        }).ToList();
}
