using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Site;

namespace Deploy.Tests.Deployment;

/// <summary>
/// What ./build.sh Package leaves in artifacts/, made in a test folder: a generated site and its zip, a zip per function
/// of the local environment (whose code says <c>code</c>, the version by default), and manifest.json.
/// </summary>
static class LocalPackages
{
    /// <param name="extraFiles">Files added to the site beside the generated ones (key → text).</param>
    public static async Task<DeployRequest> PackageAsync(string work, EnvironmentsFile file, string version, GeneratedSite site, byte[]? video, bool dryRun, string? code = null,
        IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var artifacts = Path.Combine(work, "artifacts-" + version);
        var siteFolder = Path.Combine(work, "public-" + version);
        if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        Directory.CreateDirectory(artifacts);
        site.WriteTo(siteFolder);
        if (video is not null) await File.WriteAllBytesAsync(Path.Combine(siteFolder, "static", "intro.mp4"), video); // above 8 MiB: a multipart upload
        foreach (var (key, text) in extraFiles ?? new Dictionary<string, string>())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(siteFolder, key))!);
            await File.WriteAllTextAsync(Path.Combine(siteFolder, key), text);
        }
        DeterministicZip.CreateFromFolder(siteFolder, Path.Combine(artifacts, "site.zip")); // as ./build.sh Package does
        var entries = new List<ManifestArtifact> { await ManifestArtifact.OfFileAsync("site", "site", artifacts, "site.zip", default) };
        foreach (var name in file.Environments["local"].Functions.Keys)
        {
            var package = Path.Combine(work, $"{name}-{version}");
            Directory.CreateDirectory(package);
            await File.WriteAllTextAsync(Path.Combine(package, "index.mjs"), $"export const handler = async () => ({{ statusCode: 200, body: '{name} {code ?? version}' }});\n");
            DeterministicZip.CreateFromFolder(package, Path.Combine(artifacts, name + ".zip"));
            entries.Add(await ManifestArtifact.OfFileAsync(name, "function", artifacts, name + ".zip", default));
        }
        var manifest = new ArtifactManifest(version, version, "0123456789abcdef", "feature/local", entries);
        ArtifactManifestFile.Write(Path.Combine(artifacts, ArtifactManifest.FileName), manifest);
        return new DeployRequest(file, "local", manifest, artifacts, dryRun, Force: false, IsCI: true)
        {
            InvalidationPollInterval = TimeSpan.FromMilliseconds(300),
            FunctionPollInterval = TimeSpan.FromMilliseconds(300),
        };
    }
}
