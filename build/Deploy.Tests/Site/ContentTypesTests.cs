using Deploy.Site;

namespace Deploy.Tests.Site;

public class ContentTypesTests
{
    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("styles.45c1a9d4d2b6a3c07e40.css", "text/css; charset=utf-8")]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js", "text/javascript; charset=utf-8")]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js.map", "application/json; charset=utf-8")]
    [InlineData("app-8a2c7a4bbf0a4f0c1d3b.js.LICENSE.txt", "text/plain; charset=utf-8")]
    [InlineData("page-data/index/page-data.json", "application/json; charset=utf-8")]
    [InlineData("manifest.webmanifest", "application/manifest+json; charset=utf-8")]
    [InlineData("sitemap-0.xml", "application/xml; charset=utf-8")]
    [InlineData("robots.txt", "text/plain; charset=utf-8")]
    [InlineData("static/logo.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("static/inter.woff2", "font/woff2")]
    [InlineData("static/inter.woff", "font/woff")]
    [InlineData("static/photo.JPG", "image/jpeg")]
    [InlineData("static/photo.webp", "image/webp")]
    [InlineData("static/photo.avif", "image/avif")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("icons/icon-48x48.png", "image/png")]
    [InlineData("CNAME", "application/octet-stream")]
    [InlineData("data.unknownext", "application/octet-stream")]
    public void Content_type_follows_the_extension(string key, string expected) =>
        Assert.Equal(expected, ContentTypes.For(key));
}
