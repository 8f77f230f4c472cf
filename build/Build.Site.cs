using BuildGraph;
using BuildGraph.Extensions;

partial class Build
{
    [Parameter("URL the contact form posts to, baked into the site at build time (GATSBY_CONTACT_API_URL)")]
    readonly string ContactApiUrl = "/api/contact";

    [Parameter("Public URL of the site, used by the sitemap and the RSS feed")]
    readonly string SiteUrl = "https://blog.example.com";

    [Parameter("Folder the site's posts come from (its posts/ holds the Markdown and images; SITE_CONTENT); default: site/content. site/scripts/generate-blog.mjs writes a large generated blog")]
    readonly AbsolutePath? SiteContent;

    AbsolutePath SitePublicDirectory => SiteDirectory / "public";
    AbsolutePath SiteContentDirectory => SiteContent ?? SiteDirectory / "content";

    // Checked when the build starts (OnBuildInitialized), before any target writes.
    void RefuseSiteContentWithoutPosts()
    {
        if (SiteContent is not null && !(SiteContent / "posts").DirectoryExists())
            throw new InvalidOperationException($"--site-content {SiteContent} has no posts/ folder; fix: name a folder laid out as site/content (posts/*.md), e.g. one site/scripts/generate-blog.mjs wrote");
    }

    // No content folder: no inputs from it (the site's own build says what it misses).
    IEnumerable<AbsolutePath> SiteContentFiles() => SiteContentDirectory.DirectoryExists()
        ? Directory.EnumerateFiles(SiteContentDirectory, "*", SearchOption.AllDirectories).Select(file => (AbsolutePath)file)
        : [];

    Target CompileSite => _ => _
        .Description("Builds the Gatsby site into site/public")
        .DependsOn(RestoreSite)
        .WhenSkipped(DependencyBehavior.Skip)
        .Inputs("site/src/**", "site/scripts/**", "site/static/**", "site/gatsby-*", "site/package.json", "site/package-lock.json")
        .Inputs(SiteContentFiles)
        .InputValues(() => ContactApiUrl, () => SiteUrl, () => SiteContentDirectory)
        .Outputs("site/public/**")
        .Executes(async ct =>
        {
            // No `gatsby clean`: npm run build keeps Gatsby's cache when the inputs it does not watch are unchanged
            // and starts from nothing otherwise (no cache yet, as on a fresh clone: a cold build). Over the cache the
            // output is byte for byte a clean build's (site/src/build-cache.mjs, site/slow-tests/incremental-build.mjs).
            await Npm.RunAsync("npm", SiteDirectory, ct, ["run", "build"], new Dictionary<string, string?>
            {
                ["GATSBY_CONTACT_API_URL"] = ContactApiUrl,
                ["SITE_URL"] = SiteUrl,
                ["SITE_CONTENT"] = SiteContentDirectory,
                ["CI"] = "true", // plain progress output, no spinners
            });
        });

    Target PackageSite => _ => _
        .Description("Zips the built site into artifacts/site.zip (deterministic)")
        .DependsOn(CompileSite)
        .OnlyWhenStatic(() => PackagesSite)
        .WhenSkipped(DependencyBehavior.Skip)
        .Inputs("site/public/**")
        .Outputs("artifacts/site.zip")
        .Executes(() => ArtifactPackaging.ZipSite(SitePublicDirectory, ArtifactsDirectory / "site.zip"));
}
