using BuildGraph;
using BuildGraph.Extensions;
using Deploy.Artifacts;
using Serilog;

partial class Build
{
    AbsolutePath ManifestFile => ArtifactsDirectory / ArtifactManifest.FileName;

    Target Package => _ => _
        .Description("Packages the site and the functions and writes artifacts/manifest.json (version, commit, hashes)")
        .DependsOn(PackageSite, PackageLambdas, Manifest);

    /// <summary>The parts this run packages: everything, unless only deploy targets were invoked and their scope is narrower.</summary>
    string PackagedParts => string.Join(",", new[] { PackagesSite ? "site" : null, PackagesFunctions ? "functions" : null }.OfType<string>());

    Target Manifest => _ => _
        .Unlisted()
        .Description("Writes artifacts/manifest.json (version, commit, hashes) for the artifacts this run packages")
        .After(PackageSite, PackageLambdas)
        .Inputs("artifacts/site.zip", "artifacts/functions/*.zip")
        .InputValues(() => GitVersion.InformationalVersion, () => Repository.Branch, () => PackagedParts)
        .Outputs("artifacts/manifest.json")
        .Executes(async ct =>
        {
            var artifacts = new List<ManifestArtifact>();
            if (PackagesSite)
                artifacts.Add(await ManifestArtifact.OfFileAsync("site", ManifestArtifact.SiteKind, ArtifactsDirectory, "site.zip", ct));
            if (PackagesFunctions)
                foreach (var function in FunctionNames)
                    artifacts.Add(await ManifestArtifact.OfFileAsync(function, ManifestArtifact.FunctionKind, ArtifactsDirectory, $"functions/{function}.zip", ct));

            var manifest = new ArtifactManifest(GitVersion.SemVer, GitVersion.InformationalVersion,
                GitVersion.Sha ?? Repository.Commit ?? "unknown", Repository.Branch, artifacts);
            ArtifactManifestFile.Write(ManifestFile, manifest);
            foreach (var artifact in manifest.Artifacts)
                Log.Information("{Name,-16} {Path,-32} {Size,10:N0} bytes  sha256 {Sha}", artifact.Name, artifact.Path, artifact.Size, artifact.Sha256[..16]);
            ReportSummary(_ => _.AddPair("Version", manifest.Version).AddPair("Artifacts", manifest.Artifacts.Count));
        });
}
