namespace Deploy.Releases;

/// <summary>
/// Where releases live in the site bucket: each release's own files under _releases/&lt;id&gt;/ (written once, never
/// overwritten), its manifest and the catalogue of releases under _deploy/ (which the distribution never serves).
/// </summary>
public static class ReleaseLayout
{
    public const string ContentPrefix = "_releases/";
    public const string CatalogueKey = "_deploy/releases.json";
    public const string LiveKey = "live";

    public static string ContentKey(int release, string key) => $"{ContentPrefix}{release}/{key}";

    public static string ManifestKey(int release) => $"_deploy/releases/{release}.json";

    /// <summary>The key value store's key for a site key: the URI the viewer-request function has after its directory index.</summary>
    public static string SwitchKey(string key) => "/" + key;

    /// <summary>The host label of a release's preview: r12 in r12.preview.example.com.</summary>
    public static string PreviewLabel(int release) => $"r{release}";

    public static string PreviewHost(int release, string domain) => $"{PreviewLabel(release)}.preview.{domain}";
}
