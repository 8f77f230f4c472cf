using ICSharpCode.SharpZipLib.Zip;

namespace Deploy.Artifacts;

/// <summary>
/// Writes zips whose bytes depend only on the entries' names and contents: entries sorted ordinally with
/// '/' separators, one fixed timestamp, fixed Unix modes (0644 files, 0755 directories and executables)
/// with "made by Unix" on every OS, no extra fields, no data descriptors. Files are streamed, so memory
/// stays flat whatever the size.
/// <para>
/// SharpZipLib rather than System.IO.Compression: the BCL stamps "version made by" with the OS it runs on
/// (a Windows build differs from a Linux one) and deflates with the runtime's native zlib, whereas
/// SharpZipLib's managed deflater and settable header fields give the same bytes everywhere.
/// </para>
/// </summary>
public static class DeterministicZip
{
    private const int RegularMode = 0x81A4;       // S_IFREG | 0644
    private const int ExecutableMode = 0x81ED; // S_IFREG | 0755
    private const int DirectoryMode = 0x41ED;  // S_IFDIR | 0755
    private const int DosDirectoryFlag = 0x10;

    /// <summary>Zips every file and folder under <paramref name="folder"/> into <paramref name="zipPath"/>.</summary>
    public static void CreateFromFolder(string folder, string zipPath, ZipOptions? options = null) =>
        Create(FolderEntries.List(folder), zipPath, options);

    /// <summary>Writes the zip to a temporary file first, so a failure leaves no half-written artifact behind.</summary>
    public static void Create(IEnumerable<ZipSource> sources, string zipPath, ZipOptions? options = null)
    {
        var full = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                Write(sources, output, options);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes the zip to a seekable stream (local headers are completed in place instead of with data descriptors).</summary>
    public static void Write(IEnumerable<ZipSource> sources, Stream output, ZipOptions? options = null)
    {
        if (!output.CanSeek) throw new ArgumentException("The zip output must be seekable: data descriptors would change the bytes.", nameof(output));
        options ??= ZipOptions.Default;
        var entries = Ordered(sources);
        using var zip = new ZipOutputStream(output) { IsStreamOwner = false, UseZip64 = UseZip64.Off };
        zip.SetLevel(options.Level);
        foreach (var source in entries)
        {
            var entry = new ZipEntry(source.EntryName)
            {
                DateTime = options.Timestamp,
                IsUnicodeText = true,
                HostSystem = (int)HostSystemID.Unix,
            };
            if (source.IsDirectory)
            {
                entry.CompressionMethod = CompressionMethod.Stored;
                entry.Size = 0;
                entry.ExternalFileAttributes = (DirectoryMode << 16) | DosDirectoryFlag;
                zip.PutNextEntry(entry);
            }
            else
            {
                using var file = new FileStream(source.FullPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                entry.CompressionMethod = CompressionMethod.Deflated;
                entry.Size = file.Length;
                entry.ExternalFileAttributes = (source.Executable ? ExecutableMode : RegularMode) << 16;
                zip.PutNextEntry(entry);
                file.CopyTo(zip, 1 << 16);
            }
            zip.CloseEntry();
        }
        zip.Finish();
    }

    private static List<ZipSource> Ordered(IEnumerable<ZipSource> sources)
    {
        var entries = sources.Select(Checked).OrderBy(s => s.EntryName, StringComparer.Ordinal).ToList();
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].EntryName == entries[i - 1].EntryName)
                throw new ArtifactException($"Two files map to zip entry '{entries[i].EntryName}': give them distinct paths.");
        }
        return entries;
    }

    private static ZipSource Checked(ZipSource source)
    {
        var name = source.EntryName;
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Split('/').Any(part => part is ".." or "."))
            throw new ArtifactException($"Zip entry name '{name}' must be relative and '/'-separated without '.' or '..': fix the file list.");
        return source;
    }
}
