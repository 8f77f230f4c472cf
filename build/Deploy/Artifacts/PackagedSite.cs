using System.IO.Compression;

namespace Deploy.Artifacts;

/// <summary>
/// The site a deploy writes: artifacts/site.zip (already checked against manifest.json) extracted to a temporary folder,
/// never site/public, so the bytes deployed are the bytes stored under the version and a later Rollback restores the same.
/// The folder is deleted when the deploy is disposed.
/// </summary>
public sealed class PackagedSite : IDisposable
{
    readonly string temp;

    PackagedSite(string temp, string folder)
    {
        this.temp = temp;
        Folder = folder;
    }

    public string Folder { get; }

    public static PackagedSite Extract(string zipPath)
    {
        var temp = Directory.CreateTempSubdirectory("packaged-site-").FullName;
        var folder = Path.Combine(temp, "site");
        try
        {
            ZipFile.ExtractToDirectory(zipPath, folder); // refuses entries that would land outside the folder
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Directory.Delete(temp, recursive: true);
            throw new ArtifactException($"{zipPath} cannot be read as a zip ({e.Message}); fix: run ./build.sh Package again");
        }
        return new PackagedSite(temp, folder);
    }

    public void Dispose()
    {
        if (Directory.Exists(temp))
            Directory.Delete(temp, recursive: true);
    }
}
