namespace Deploy.Artifacts;

/// <summary>
/// artifacts/manifest.json: what Package built (version, commit, branch) and each artifact's file, size and hashes.
/// Deploy and Rollback read it; artifacts are listed by name so the order never depends on packaging order.
/// </summary>
public sealed record ArtifactManifest(string Version, string InformationalVersion, string Commit, string Branch, IReadOnlyList<ManifestArtifact> Artifacts)
{
    public const string FileName = "manifest.json";

    public ManifestArtifact? Find(string name) => Artifacts.FirstOrDefault(a => a.Name == name);

    public IEnumerable<ManifestArtifact> Functions => Artifacts.Where(a => a.Kind == ManifestArtifact.FunctionKind);

    public ManifestArtifact? Site => Artifacts.FirstOrDefault(a => a.Kind == ManifestArtifact.SiteKind);
}

/// <param name="Kind">"site" or "function".</param>
/// <param name="Path">Relative to the artifacts folder, '/'-separated.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="CodeSha256">Base64 SHA-256 of the file, as Lambda reports a deployed package's CodeSha256.</param>
public sealed record ManifestArtifact(string Name, string Kind, string Path, long Size, string Sha256, string CodeSha256)
{
    public const string SiteKind = "site";
    public const string FunctionKind = "function";

    /// <summary>Describes a packaged zip in <paramref name="artifactsFolder"/>, hashing it.</summary>
    public static async Task<ManifestArtifact> OfFileAsync(string name, string kind, string artifactsFolder, string relativePath, CancellationToken cancellationToken)
    {
        var hash = await ArtifactHash.OfFileAsync(System.IO.Path.Combine(artifactsFolder, relativePath), cancellationToken);
        return new ManifestArtifact(name, kind, relativePath.Replace('\\', '/'), hash.Size, hash.Sha256, hash.CodeSha256);
    }

    public string FullPath(string artifactsFolder) => System.IO.Path.Combine(artifactsFolder, Path);
}
