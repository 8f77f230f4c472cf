using System.IO.Compression;
using System.Text;

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
            throw new ArtifactException($"{zipPath} cannot be read as a zip ({e.Message.Split('\n')[0].Trim()}); fix: run ./build.sh Package again");
        }
        var site = new PackagedSite(temp, folder);
        if (Problem(zipPath, folder) is { } problem)
        {
            site.Dispose();
            throw new ArtifactException(problem);
        }
        return site;
    }

    /// <summary>A site that must not go out: no page at all, or a file name S3 or CloudFront cannot serve as a URL path.</summary>
    static string? Problem(string zipPath, string folder)
    {
        var keys = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')).ToList()
            : [];
        if (keys.Count == 0)
            return $"{zipPath} holds no file, so the deploy would empty the site; fix: build the site (./build.sh CompileSite) and package it again";
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            var why = Encoding.UTF8.GetByteCount(key) > 1024 ? "longer than S3's 1,024-byte key limit"
                : key.IndexOfAny(['?', '#']) is var at and >= 0 ? $"'{key[at]}' ends a URL path, so CloudFront never asks for this name"
                : key.Contains('\\') ? "a backslash, which browsers turn into a slash"
                : key.Any(char.IsControl) ? "a control character"
                : null;
            if (why is not null)
                return $"{zipPath} holds '{(key.Length > 80 ? key[..80] + "…" : key)}', a name the site cannot serve ({why}); fix: rename it in the site's sources and package again";
        }
        return null;
    }

    public void Dispose()
    {
        if (Directory.Exists(temp))
            Directory.Delete(temp, recursive: true);
    }
}
