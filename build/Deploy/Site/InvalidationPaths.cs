namespace Deploy.Site;

/// <summary>
/// CloudFront bills per path (a wildcard is one path) and allows 3,000 paths and 15 wildcard paths in progress per
/// distribution. <see cref="WildcardAbove"/>: a folder with more changed paths than this becomes "/folder/*";
/// <see cref="EverythingAbove"/>: more changed paths than this in total becomes "/*".
/// </summary>
public sealed record InvalidationLimits(int WildcardAbove, int EverythingAbove, int MaxPaths, int MaxWildcards)
{
    public static InvalidationLimits Default { get; } = new(WildcardAbove: 10, EverythingAbove: 500, MaxPaths: 3000, MaxWildcards: 15);
}

/// <summary>The smallest set of CloudFront paths that covers a set of changed object keys.</summary>
public static class InvalidationPaths
{
    public const string Everything = "/*";

    /// <summary>The URLs a key is served under: an index.html also answers for its folder.</summary>
    public static IEnumerable<string> UrlsOf(string key)
    {
        if (key == "index.html")
        {
            yield return "/";
            yield return "/index.html";
            yield break;
        }
        var path = "/" + Encode(key);
        yield return path;
        if (key.EndsWith("/index.html", StringComparison.Ordinal))
            yield return path[..^"index.html".Length];
    }

    public static IReadOnlyList<string> For(IEnumerable<string> changedKeys, InvalidationLimits limits)
    {
        var paths = changedKeys.SelectMany(UrlsOf).ToHashSet(StringComparer.Ordinal);
        if (paths.Count == 0) return [];
        if (paths.Count > limits.EverythingAbove) return [Everything];

        // Shallow folders first: one wildcard high up replaces many deeper ones.
        var remaining = paths.ToList();
        var wildcards = new List<string>();
        foreach (var folder in Folders(remaining).OrderBy(f => f.Count(c => c == '/')).ThenBy(f => f, StringComparer.Ordinal))
        {
            var under = remaining.Count(p => p.StartsWith(folder, StringComparison.Ordinal));
            if (under <= limits.WildcardAbove) continue;
            wildcards.Add(folder + "*");
            remaining.RemoveAll(p => p.StartsWith(folder, StringComparison.Ordinal));
        }

        if (wildcards.Count > limits.MaxWildcards || wildcards.Count + remaining.Count > limits.MaxPaths)
            return [Everything];
        return wildcards.Concat(remaining).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every proper folder prefix ("/a/", "/a/b/") of the paths, excluding the root (that is "/*").</summary>
    static HashSet<string> Folders(IEnumerable<string> paths)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
            for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
                folders.Add(path[..(i + 1)]);
        return folders;
    }

    /// <summary>CloudFront matches encoded paths; keep unreserved characters and '/' as they are.</summary>
    static string Encode(string key) =>
        string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}
