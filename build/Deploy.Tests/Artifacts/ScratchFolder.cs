namespace Deploy.Tests.Artifacts;

/// <summary>A temporary folder a test fills with files and that is removed afterwards.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("deploy-artifacts-").FullName;

    public string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public string Write(string relative, string content)
    {
        var full = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
