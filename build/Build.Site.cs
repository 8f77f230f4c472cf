using BuildGraph;
using BuildGraph.Extensions;

partial class Build
{
    [Parameter("URL the contact form posts to, baked into the site at build time (GATSBY_CONTACT_API_URL)")]
    readonly string ContactApiUrl = "/api/contact";

    [Parameter("Public URL of the site, used by the sitemap and the RSS feed")]
    readonly string SiteUrl = "https://blog.example.com";

    AbsolutePath SitePublicDirectory => SiteDirectory / "public";

    Target CompileSite => _ => _
        .Description("Builds the Gatsby site into site/public")
        .DependsOn(RestoreSite)
        .WhenSkipped(DependencyBehavior.Skip)
        .Inputs("site/src/**", "site/content/**", "site/static/**", "site/gatsby-*", "site/package.json", "site/package-lock.json")
        .InputValues(() => ContactApiUrl, () => SiteUrl)
        .Outputs("site/public/**")
        .Executes(async ct =>
        {
            // A build on top of Gatsby's cache stamps a new webpack compilation hash into every page even when
            // nothing changed; from a clean cache the same sources give the same files, so deploys stay minimal.
            // The site can already keep its image work between builds (site/src/build-cache.mjs), but an
            // incremental build is not yet byte-identical to a clean one (site/test/incremental-build.test.mjs,
            // run with SITE_INCREMENTAL_TEST=1, says where), so every build still starts from nothing.
            await Npm.RunAsync("npx", SiteDirectory, ct, ["gatsby", "clean"]);
            await Npm.RunAsync("npm", SiteDirectory, ct, ["run", "build"], new Dictionary<string, string?>
            {
                ["GATSBY_CONTACT_API_URL"] = ContactApiUrl,
                ["SITE_URL"] = SiteUrl,
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
