namespace BuildTests;

/// <summary>The checkout these tests belong to: the folder above the test binaries with build.sh and global.json.</summary>
static class RepositoryRoot
{
    public static string Path { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "build.sh")) && System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "global.json")))
                return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository: no folder above them has build.sh and global.json.");
    }

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
