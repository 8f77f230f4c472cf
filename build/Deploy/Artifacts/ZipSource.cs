namespace Deploy.Artifacts;

/// <summary>One zip entry: its name inside the zip ('/'-separated, relative) and the file it comes from (null for a directory).</summary>
public sealed record ZipSource(string EntryName, string? FullPath, bool Executable = false)
{
    public bool IsDirectory => FullPath is null;

    public static ZipSource Directory(string entryName) => new(entryName.TrimEnd('/') + "/", null);

    public static ZipSource File(string entryName, string fullPath, bool executable = false) => new(entryName, fullPath, executable);
}
