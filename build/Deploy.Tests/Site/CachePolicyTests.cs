using Deploy.Site;

namespace Deploy.Tests.Site;

public class CachePolicyTests
{
    [Theory]
    [InlineData("index.html")]
    [InlineData("blog/pipeline-design/index.html")]
    [InlineData("404.html")]
    [InlineData("page-data/index/page-data.json")]
    [InlineData("page-data/blog/pipeline-design/page-data.json")]
    [InlineData("page-data/sq/d/3649515864.json")]
    [InlineData("page-data/app-data.json")]
    [InlineData("sw.js")]
    public void Pages_page_data_app_data_and_the_service_worker_revalidate(string key) =>
        Assert.Equal("public, max-age=0, must-revalidate", CachePolicy.For(key));

    [Theory]
    [InlineData("static/d/5f3c1a2b/logo.png")]
    [InlineData("static/fonts/inter-latin-400.woff2")]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js")]
    [InlineData("framework-6e1d4b9c1a4b5c3e2f1a.js")]
    [InlineData("webpack-runtime-0f1e2d3c4b5a69788796.js")]
    [InlineData("styles.45c1a9d4d2b6a3c07e40.css")]
    [InlineData("component---src-pages-index-js-9d1c2b3a4f5e6d7c8b9a.js")]
    [InlineData("231-a9b8c7d6e5f4a3b2c1d0.js")]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js.map")]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js.LICENSE.txt")]
    public void Static_and_hashed_bundles_are_immutable_for_a_year(string key) =>
        Assert.Equal("public, max-age=31536000, immutable", CachePolicy.For(key));

    // gatsby-plugin-sharp writes static/<source content digest>/<options digest>/<name>.<ext>: the same name
    // always holds the same bytes, so images gatsby-plugin-image and gatsby-remark-images make are immutable.
    [Theory]
    [InlineData("static/e240725ba3f5bdc83e18b9f94b466a03/27fa8/typed-build-graph-cover.png")]
    [InlineData("static/e240725ba3f5bdc83e18b9f94b466a03/85f30/typed-build-graph-cover.webp")]
    [InlineData("static/ab7fb8b0742a71ae6ebeeac46a1094ac/a5d4d/upload-order.avif")]
    [InlineData("static/ab7fb8b0742a71ae6ebeeac46a1094ac/00d43/upload-order.jpg")]
    public void Images_gatsby_plugin_sharp_writes_are_immutable_hashed_assets(string key)
    {
        Assert.Equal("public, max-age=31536000, immutable", CachePolicy.For(key));
        Assert.Equal(AssetClass.Immutable, AssetClasses.Of(key));
        Assert.Equal(SitePhase.HashedAssets, SitePlanner.PhaseOf(key));
    }

    [Theory]
    [InlineData("static/e240725ba3f5bdc83e18b9f94b466a03/85f30/typed-build-graph-cover.webp", "image/webp")]
    [InlineData("static/ab7fb8b0742a71ae6ebeeac46a1094ac/a5d4d/upload-order.avif", "image/avif")]
    [InlineData("static/ab7fb8b0742a71ae6ebeeac46a1094ac/00d43/upload-order.png", "image/png")]
    public void Generated_images_get_their_content_type(string key, string contentType) =>
        Assert.Equal(contentType, ContentTypes.For(key));

    [Theory]
    [InlineData("favicon-32x32.png")]
    [InlineData("robots.txt")]
    [InlineData("sitemap-index.xml")]
    [InlineData("rss.xml")]
    [InlineData("manifest.webmanifest")]
    [InlineData("chunk-map.json")]
    [InlineData("webpack.stats.json")]
    [InlineData("release-2024.js")] // digits, but no content hash
    public void Fixed_name_files_get_the_short_default(string key) =>
        Assert.Equal("public, max-age=3600", CachePolicy.For(key));

    [Theory]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js", SitePhase.HashedAssets)]
    [InlineData("static/logo.png", SitePhase.HashedAssets)]
    [InlineData("favicon.ico", SitePhase.OtherFiles)]
    [InlineData("sw.js", SitePhase.OtherFiles)]
    [InlineData("page-data/index/page-data.json", SitePhase.PageData)]
    [InlineData("page-data/app-data.json", SitePhase.PageData)]
    [InlineData("about/index.html", SitePhase.Html)]
    public void Every_key_has_a_phase(string key, SitePhase phase) =>
        Assert.Equal(phase, SitePlanner.PhaseOf(key));
}

public class CacheControlComparisonTests
{
    [Fact]
    public void Directives_compare_as_a_set() =>
        Assert.True(CachePolicy.SameDirectives("public, max-age=0, must-revalidate", "public, must-revalidate, max-age=0"));

    [Fact]
    public void Different_directives_differ() =>
        Assert.False(CachePolicy.SameDirectives("public, max-age=0, must-revalidate", "public, max-age=3600"));

    [Fact]
    public void A_missing_header_differs() =>
        Assert.False(CachePolicy.SameDirectives(CachePolicy.Short, null));
}
