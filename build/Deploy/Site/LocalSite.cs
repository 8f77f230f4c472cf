namespace Deploy.Site;

/// <summary>One file of the built site: its key in the bucket, where it is on disk, its size and ETags.</summary>
public sealed record LocalFile(string Key, string Path, long Size, FileETags ETags);

/// <summary>
/// The built site folder as keys and content hashes. Files are hashed by streaming, a few at a time, so memory
/// stays flat however large the site is; only the list of names and hashes is kept.
/// </summary>
public sealed record LocalSite(string Root, IReadOnlyList<LocalFile> Files)
{
    public static async Task<LocalSite> ReadAsync(string root, MultipartSettings multipart, int parallelism = 4, CancellationToken cancellationToken = default)
    {
        root = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(root))
            throw new SiteFolderException($"site folder {root} does not exist; fix: build the site first (./build.sh CompileSite) or pass the built folder");
        var paths = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(p => (Path: p, Key: KeyOf(root, p)))
            .Where(p => !p.Key.StartsWith(DeployState.Prefix, StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToArray();
        var files = new LocalFile[paths.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, paths.Length),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (path, key) = paths[i];
                var etags = await ETags.ComputeAsync(path, multipart, ct);
                files[i] = new LocalFile(key, path, new FileInfo(path).Length, etags);
            });
        return new LocalSite(root, files);
    }

    /// <summary>Keys use forward slashes whatever the OS.</summary>
    public static string KeyOf(string root, string path) =>
        System.IO.Path.GetRelativePath(root, path).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    public long Bytes => Files.Sum(f => f.Size);
}

public sealed class SiteFolderException(string message) : Exception(message);
