using System.Text.Json;

namespace Deploy.Artifacts;

/// <summary>
/// Which files of a function's package folder (lambdas/&lt;name&gt;, staged with `npm ci --omit=dev`) go into
/// its zip: package.json, index.mjs (the handler), the package's own modules — the entries of package.json's
/// "files" when it has them, else its .mjs/.js/.cjs/.json files — and the production node_modules.
/// Never tests (test/, tests/, __tests__/, *.test.*, *.spec.*), dot-files of the package, npm's .bin links and
/// hidden lockfile, .DS_Store, or packages npm marked dev-only (a folder installed with dev dependencies).
/// </summary>
public static class FunctionPackageLayout
{
    public const string Handler = "index.mjs";
    private const string Modules = "node_modules/";
    private static readonly string[] TestFolders = ["test/", "tests/", "__tests__/", "__mocks__/", "coverage/"];
    private static readonly string[] ModuleExtensions = [".mjs", ".js", ".cjs", ".json"];

    public static IReadOnlyList<ZipSource> Select(string packageFolder)
    {
        var root = Path.GetFullPath(packageFolder);
        var manifest = Path.Combine(root, "package.json");
        if (!File.Exists(manifest)) throw new ArtifactException($"{packageFolder} has no package.json: stage the function package (npm ci --omit=dev) before zipping.");
        if (!File.Exists(Path.Combine(root, Handler))) throw new ArtifactException($"{packageFolder} has no {Handler}: Lambda's handler is index.handler, so {Handler} must export handler at the package root.");

        var package = ReadPackage(manifest, packageFolder);
        var devOnly = DevOnlyModules(root);
        var files = FolderEntries.List(root, path => Include(path, package.Files, devOnly)).Where(e => !e.IsDirectory).ToList();
        return WithFolders(files);
    }

    private static bool Include(string path, IReadOnlyList<string>? declared, IReadOnlySet<string> devOnly)
    {
        var name = path.TrimEnd('/').Split('/')[^1];
        if (name == ".DS_Store") return false;
        if (path.StartsWith(Modules, StringComparison.Ordinal))
        {
            if (path is Modules) return true;
            if (path.StartsWith(Modules + ".bin/", StringComparison.Ordinal) || path == Modules + ".package-lock.json") return false;
            return !devOnly.Any(dev => path.StartsWith(dev, StringComparison.Ordinal));
        }
        if (name.StartsWith('.') || TestFolders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal) || path.Contains("/" + folder, StringComparison.Ordinal))) return false;
        var isFolder = path.EndsWith('/');
        if (!isFolder && (name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal))) return false;
        if (path is "package.json" or Handler) return true;
        if (declared is not null)
        {
            // A folder is walked when it is declared, inside a declared folder, or leads to a declared path.
            return declared.Any(entry => path == entry || path.StartsWith(entry.TrimEnd('/') + "/", StringComparison.Ordinal)
                || (isFolder && entry.StartsWith(path, StringComparison.Ordinal)));
        }
        return isFolder || (name != "package-lock.json" && ModuleExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal)));
    }

    private sealed record PackageJson(IReadOnlyList<string>? Files);

    private static PackageJson ReadPackage(string manifest, string packageFolder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            if (!document.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array) return new PackageJson(null);
            var entries = files.EnumerateArray().Select(e => e.GetString() ?? "").Select(e => e.Replace('\\', '/').TrimStart('.', '/')).ToList();
            var glob = entries.FirstOrDefault(e => e.IndexOfAny(['*', '?', '[', '!']) >= 0);
            if (glob is not null)
                throw new ArtifactException($"{packageFolder}/package.json \"files\" has the pattern '{glob}': list files and folders by name (patterns are not supported for Lambda zips).");
            return new PackageJson(entries);
        }
        catch (JsonException error)
        {
            throw new ArtifactException($"{packageFolder}/package.json is not valid JSON ({error.Message}): fix it.", error);
        }
    }

    /// <summary>Packages npm's hidden lockfile marks "dev": true — present only when dev dependencies were installed.</summary>
    private static IReadOnlySet<string> DevOnlyModules(string root)
    {
        var hidden = Path.Combine(root, "node_modules", ".package-lock.json");
        var dev = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(hidden)) return dev;
        using var document = JsonDocument.Parse(File.ReadAllText(hidden));
        if (!document.RootElement.TryGetProperty("packages", out var packages)) return dev;
        foreach (var package in packages.EnumerateObject())
        {
            if (package.Value.TryGetProperty("dev", out var flag) && flag.ValueKind == JsonValueKind.True) dev.Add(package.Name + "/");
        }
        return dev;
    }

    /// <summary>Folder entries only for folders that hold an included file, so excluded content leaves no empty folders.</summary>
    private static IReadOnlyList<ZipSource> WithFolders(List<ZipSource> files)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var parts = file.EntryName.Split('/');
            for (var i = 1; i < parts.Length; i++) folders.Add(string.Join('/', parts[..i]) + "/");
        }
        return [.. folders.Select(ZipSource.Directory).Concat(files).OrderBy(e => e.EntryName, StringComparer.Ordinal)];
    }
}
