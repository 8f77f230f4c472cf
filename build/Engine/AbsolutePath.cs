using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace BuildGraph;

/// <summary>A normalized absolute file-system path, as in Nuke: <c>RootDirectory / "site" / "public"</c>.</summary>
public sealed record AbsolutePath
{
    readonly string path;

    AbsolutePath(string path) => this.path = path;

    public static AbsolutePath Create(string path)
    {
        if (!Path.IsPathFullyQualified(path))
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full);
        return new AbsolutePath(full.Length > (root?.Length ?? 0) ? Path.TrimEndingDirectorySeparator(full) : full);
    }

    public static explicit operator AbsolutePath(string path) => Create(path);

    public static implicit operator string(AbsolutePath path) => path.path;

    public static AbsolutePath operator /(AbsolutePath left, string right) =>
        Create(Path.Combine(left.path, right.Replace('\\', Path.DirectorySeparatorChar)));

    public AbsolutePath? Parent => Path.GetDirectoryName(path) is { } parent ? new AbsolutePath(parent) : null;

    public string Name => Path.GetFileName(path);

    public string NameWithoutExtension => Path.GetFileNameWithoutExtension(path);

    public string Extension => Path.GetExtension(path);

    public bool FileExists() => File.Exists(path);

    public bool DirectoryExists() => Directory.Exists(path);

    /// <summary>Files below this directory matching the globs (e.g. "**/*.mjs"; "!pattern" excludes), sorted.</summary>
    public IReadOnlyList<AbsolutePath> GlobFiles(params string[] patterns) =>
        FileGlobs.Match(this, patterns).Select(relative => this / relative).ToList();

    /// <summary>Directories below this directory whose name matches a simple pattern ("*", "?"), sorted.</summary>
    public IReadOnlyList<AbsolutePath> GlobDirectories(string pattern, bool recursive = false) =>
        !Directory.Exists(path) ? []
        : Directory.EnumerateDirectories(path, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal).Select(Create).ToList();

    /// <summary>The path of <paramref name="other"/> relative to this one, with forward slashes.</summary>
    public string GetRelativePathTo(AbsolutePath other) => Path.GetRelativePath(path, other.path).Replace('\\', '/');

    public bool Contains(AbsolutePath other) =>
        other.path.Equals(path, StringComparison.Ordinal)
        || other.path.StartsWith(Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(path);
        return this;
    }

    /// <summary>Creates the directory, or empties it when it exists.</summary>
    public AbsolutePath CreateOrCleanDirectory()
    {
        DeleteDirectory();
        return CreateDirectory();
    }

    public void DeleteDirectory()
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }

    public void DeleteFile()
    {
        if (File.Exists(path))
            File.Delete(path);
    }

    public string ReadAllText() => File.ReadAllText(path);

    public AbsolutePath WriteAllText(string text)
    {
        Parent?.CreateDirectory();
        File.WriteAllText(path, text);
        return this;
    }

    public override string ToString() => path;
}

/// <summary>Matches root-relative globs with Microsoft.Extensions.FileSystemGlobbing.</summary>
internal static class FileGlobs
{
    /// <summary>Relative paths (forward slashes, sorted ordinally) of the files under root matching the globs.</summary>
    public static IReadOnlyList<string> Match(AbsolutePath root, IEnumerable<string> globs)
    {
        if (!root.DirectoryExists())
            return [];
        var matcher = new Matcher(StringComparison.Ordinal);
        var any = false;
        foreach (var glob in globs)
        {
            if (glob.StartsWith('!'))
                matcher.AddExclude(glob[1..]);
            else
            {
                matcher.AddInclude(glob);
                any = true;
            }
        }
        if (!any)
            return [];
        return matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(root)))
            .Files.Select(f => f.Path.Replace('\\', '/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
