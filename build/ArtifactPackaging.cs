using BuildGraph;
using Deploy.Artifacts;

/// <summary>Turns the built site and the staged functions into the deterministic zips under artifacts/.</summary>
static class ArtifactPackaging
{
    public static void ZipSite(AbsolutePath publicFolder, AbsolutePath zipPath)
    {
        if (!publicFolder.DirectoryExists())
            throw new InvalidOperationException($"{publicFolder} does not exist: run ./build.sh CompileSite first.");
        DeterministicZip.CreateFromFolder(publicFolder, zipPath, Options);
    }

    /// <summary>
    /// Copies a function's package (without node_modules) to a clean staging folder, where npm installs
    /// production dependencies only; the source folder keeps its dev dependencies for the tests.
    /// </summary>
    public static AbsolutePath StageFunction(AbsolutePath source, AbsolutePath staging)
    {
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar) is ["node_modules", ..])
                continue;
            var target = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return staging;
    }

    public static void ZipFunction(AbsolutePath stagedPackage, AbsolutePath zipPath) =>
        FunctionPackage.CreateZip(stagedPackage, zipPath, Options);

    // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the entries' time when set; else the DOS epoch.
    static ZipOptions Options => ZipOptions.FromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
}
