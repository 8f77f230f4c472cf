namespace BuildGraph.Tests;

/// <summary>AbsolutePath.Exists() as Nuke's: file or directory inferred from the expression, else an error.</summary>
public class AbsolutePathTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("absolute-path-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Exists_infers_file_or_directory_from_the_expression_and_refuses_to_guess_otherwise()
    {
        var dataFolder = (AbsolutePath)folder;
        var manifestFile = dataFolder / "manifest.json";
        File.WriteAllText(manifestFile, "{}");

        Assert.True(dataFolder.Exists());
        Assert.True(manifestFile.Exists());
        Assert.False((dataFolder / "missing").DirectoryExists());
        var exception = Assert.Throws<ArgumentException>(() => (dataFolder / "manifest.json").Exists());
        Assert.Contains("use FileExists() or DirectoryExists()", exception.Message);
    }
}
