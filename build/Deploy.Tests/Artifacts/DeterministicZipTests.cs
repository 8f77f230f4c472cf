using System.Diagnostics;
using System.Security.Cryptography;
using Deploy.Artifacts;
using ICSharpCode.SharpZipLib.Zip;

namespace Deploy.Tests.Artifacts;

public sealed class DeterministicZipTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    private string Site()
    {
        _scratch.Write("site/index.html", "<h1>home</h1>");
        _scratch.Write("site/static/a.js", "console.log(1)");
        _scratch.Write("site/page-data/app-data.json", "{}");
        _scratch.Write("site/Zeta.txt", "upper case sorts first");
        var tool = _scratch.Write("site/bin/tool.sh", "#!/bin/sh\necho hi\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return _scratch.Path("site");
    }

    [Fact]
    public void Zipping_twice_gives_identical_bytes_even_after_touching_the_files()
    {
        var site = Site();
        DeterministicZip.CreateFromFolder(site, _scratch.Path("one.zip"));
        foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        File.SetLastWriteTimeUtc(_scratch.Path("site/index.html"), new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        DeterministicZip.CreateFromFolder(site, _scratch.Path("two.zip"));
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(_scratch.Path("one.zip"))), SHA256.HashData(File.ReadAllBytes(_scratch.Path("two.zip"))));
    }

    [Fact]
    public void Different_content_gives_different_bytes()
    {
        var site = Site();
        DeterministicZip.CreateFromFolder(site, _scratch.Path("one.zip"));
        _scratch.Write("site/index.html", "<h1>home!</h1>");
        DeterministicZip.CreateFromFolder(site, _scratch.Path("two.zip"));
        Assert.NotEqual(File.ReadAllBytes(_scratch.Path("one.zip")), File.ReadAllBytes(_scratch.Path("two.zip")));
    }

    [Fact]
    public void Entries_are_sorted_ordinally_with_unix_modes_fixed_times_and_no_extra_fields()
    {
        DeterministicZip.CreateFromFolder(Site(), _scratch.Path("site.zip"));
        using var zip = new ZipFile(_scratch.Path("site.zip"));
        var entries = zip.Cast<ZipEntry>().ToList();
        Assert.Equal(["Zeta.txt", "bin/", "bin/tool.sh", "index.html", "page-data/", "page-data/app-data.json", "static/", "static/a.js"],
            entries.Select(e => e.Name));
        Assert.All(entries, e =>
        {
            Assert.Equal((int)HostSystemID.Unix, e.HostSystem);
            Assert.Equal(new DateTime(1980, 1, 1), e.DateTime);
            Assert.Empty(e.ExtraData ?? []);
            Assert.Equal(0, e.Flags & 8); // no data descriptor
        });
        int Mode(string name) => (entries.Single(e => e.Name == name).ExternalFileAttributes >> 16) & 0xFFFF;
        Assert.Equal(Convert.ToInt32("100644", 8), Mode("index.html"));
        Assert.Equal(Convert.ToInt32("40755", 8), Mode("static/"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(Convert.ToInt32("100755", 8), Mode("bin/tool.sh"));
    }

    [Fact]
    public void Info_zip_sees_the_fixed_modes_and_times()
    {
        DeterministicZip.CreateFromFolder(Site(), _scratch.Path("site.zip"));
        var listing = Run("unzip", "-Z", _scratch.Path("site.zip"));
        // unzip -Z lines: "-rw-r--r--  3.0 unx       13 b- defN 80-Jan-01 00:00 index.html"
        var lines = listing.Split('\n').Where(l => l.Length > 0 && (l[0] == '-' || l[0] == 'd')).ToList();
        Assert.Equal(8, lines.Count);
        Assert.All(lines, line => Assert.Contains(" unx ", line));
        Assert.All(lines, line => Assert.Contains("80-Jan-01 00:00", line));
        Assert.Contains(lines, line => line.StartsWith("-rw-r--r--", StringComparison.Ordinal) && line.EndsWith(" index.html", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("drwxr-xr-x", StringComparison.Ordinal) && line.EndsWith(" static/", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
            Assert.Contains(lines, line => line.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && line.EndsWith(" bin/tool.sh", StringComparison.Ordinal));
        Run("unzip", "-tq", _scratch.Path("site.zip")); // CRCs check out
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_sets_the_time_rounded_to_dos_resolution()
    {
        var options = ZipOptions.FromSourceDateEpoch("1700000001"); // 2023-11-14T22:13:21Z
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), options.Timestamp);
        Assert.Equal(ZipOptions.DosEpoch, ZipOptions.FromSourceDateEpoch("0").Timestamp);
        Assert.Equal(ZipOptions.DosEpoch, ZipOptions.FromSourceDateEpoch(null).Timestamp);
        Assert.Throws<ArtifactException>(() => ZipOptions.FromSourceDateEpoch("yesterday"));

        DeterministicZip.CreateFromFolder(Site(), _scratch.Path("site.zip"), options);
        Assert.Contains("23-Nov-14 22:13", Run("unzip", "-Z", _scratch.Path("site.zip")));
    }

    [Fact]
    public void A_large_file_streams_through_without_growing_memory()
    {
        var big = _scratch.Path("big/bundle.js");
        Directory.CreateDirectory(Path.GetDirectoryName(big)!);
        var random = new Random(7);
        using (var file = new StreamWriter(big))
        {
            while (file.BaseStream.Length < 48 << 20) file.Write($"export const value{random.Next()} = \"{random.Next()}\";\n");
        }
        // Zipping is synchronous, so this thread's allocations are all of it (other tests run in parallel).
        var before = GC.GetAllocatedBytesForCurrentThread();
        DeterministicZip.CreateFromFolder(_scratch.Path("big"), _scratch.Path("big.zip"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8 << 20, $"zipping 48 MiB allocated {allocated / (1 << 20)} MiB");
        Run("unzip", "-tq", _scratch.Path("big.zip"));
    }

    [Fact]
    public void A_failure_leaves_no_zip_behind()
    {
        var target = _scratch.Path("out/broken.zip");
        Assert.ThrowsAny<IOException>(() => DeterministicZip.Create([ZipSource.File("a.txt", _scratch.Path("missing.txt"))], target));
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/abs.txt")]
    [InlineData("a\\b.txt")]
    public void Unsafe_entry_names_are_refused(string name)
    {
        var file = _scratch.Write("x.txt", "x");
        Assert.Throws<ArtifactException>(() => DeterministicZip.Create([ZipSource.File(name, file)], _scratch.Path("x.zip")));
    }

    internal static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        return output;
    }

    public void Dispose() => _scratch.Dispose();
}
