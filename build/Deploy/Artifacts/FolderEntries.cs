namespace Deploy.Artifacts;

/// <summary>Lists a folder as zip entries: every subfolder and file, named relative to the folder with '/'.</summary>
public static class FolderEntries
{
    public static IReadOnlyList<ZipSource> List(string folder) => List(folder, _ => true);

    /// <param name="include">Decides per relative path ('/'-separated; folders end with '/'); an excluded folder is not descended.</param>
    public static IReadOnlyList<ZipSource> List(string folder, Func<string, bool> include)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new ArtifactException($"Folder {folder} does not exist: build it first (./build.sh Package).");
        var entries = new List<ZipSource>();
        Walk(root, root, include, entries);
        return entries;
    }

    private static void Walk(string root, string folder, Func<string, bool> include, List<ZipSource> entries)
    {
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var relative = Relative(root, directory) + "/";
            if (!include(relative)) continue;
            if (new DirectoryInfo(directory).LinkTarget is not null)
                throw new ArtifactException($"{directory} is a link to a folder: zips hold files; copy its files in or exclude it.");
            entries.Add(ZipSource.Directory(relative));
            Walk(root, directory, include, entries);
        }
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var relative = Relative(root, file);
            if (include(relative)) entries.Add(ZipSource.File(relative, file, IsExecutable(file)));
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static bool IsExecutable(string file) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
}
