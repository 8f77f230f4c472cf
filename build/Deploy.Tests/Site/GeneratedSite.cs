using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Deploy.Tests.Site;

/// <summary>
/// Writes a site shaped like `gatsby build` output: content-hashed bundles referenced by every page, page-data per page,
/// app-data, static assets, sitemap and friends. <paramref name="Version"/> changes the bundle contents (so their hashes);
/// <paramref name="EditedPages"/> changes those pages' text (their HTML and page-data).
/// </summary>
public sealed partial record GeneratedSite(int Pages, string Version = "v1", IReadOnlySet<int>? EditedPages = null, int ExtraFiles = 0)
{
    public void WriteTo(string root)
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        var app = Hashed("app", "js", $"/* app {Version} */ console.log('router');");
        var framework = Hashed("framework", "js", "/* react 18 */ console.log('framework');");
        var styles = Hashed("styles", "css", $"body {{ font-family: serif; }} /* {Version} */", separator: '.');
        var bundles = new[] { app, framework, styles };
        foreach (var (name, content) in bundles) Write(root, name, content);
        Write(root, app.Name + ".map", $"{{\"version\":3,\"sources\":[\"app.js\"],\"v\":\"{Version}\"}}");
        Write(root, app.Name + ".LICENSE.txt", "MIT");
        Write(root, "static/d/a1b2c3/logo.png", "PNG-logo-bytes");
        Write(root, "favicon-32x32.png", "PNG-favicon");
        Write(root, "robots.txt", $"User-agent: *\nAllow: /\n# {Version}\n");
        Write(root, "sitemap-0.xml", $"<!-- {Version} --><urlset>" + string.Concat(Enumerable.Range(0, Pages).Select(i => $"<url><loc>/blog/post-{i}/</loc></url>")) + "</urlset>");
        Write(root, "page-data/app-data.json", $"{{\"webpackCompilationHash\":\"{Sha(Version)[..20]}\"}}");
        Write(root, "page-data/sq/d/3649515864.json", "{\"data\":{\"site\":{\"siteMetadata\":{\"title\":\"Pipeline blog\"}}}}");
        WritePage(root, "index.html", "page-data/index/page-data.json", "Home", bundles);
        for (var i = 0; i < Pages; i++)
        {
            var text = EditedPages?.Contains(i) == true ? $"Post {i}, revised" : $"Post {i}";
            WritePage(root, $"blog/post-{i}/index.html", $"page-data/blog/post-{i}/page-data.json", text, bundles);
        }
        for (var i = 0; i < ExtraFiles; i++)
            Write(root, $"static/extra/{i:D5}.txt", $"extra {i}");
    }

    void WritePage(string root, string html, string pageData, string text, (string Name, string Content)[] bundles)
    {
        var scripts = string.Concat(bundles.Where(b => b.Name.EndsWith(".js")).Select(b => $"<script src=\"/{b.Name}\" async></script>"));
        var css = string.Concat(bundles.Where(b => b.Name.EndsWith(".css")).Select(b => $"<link rel=\"stylesheet\" href=\"/{b.Name}\"/>"));
        Write(root, html, $"<!DOCTYPE html><html><head><title>{text}</title>{css}<link rel=\"icon\" href=\"/favicon-32x32.png\"/></head>" +
                          $"<body><img src=\"/static/d/a1b2c3/logo.png\"/><p>{text}</p>{scripts}</body></html>");
        Write(root, pageData, $"{{\"componentChunkName\":\"component---src-templates-post-js\",\"result\":{{\"text\":\"{text}\"}}}}");
    }

    static (string Name, string Content) Hashed(string name, string extension, string content, char separator = '-') =>
        ($"{name}{separator}{Sha(content)[..20]}.{extension}", content);

    static string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    static void Write(string root, string key, string content)
    {
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>The root-relative URLs an HTML page references (scripts, styles, images, icons).</summary>
    public static IEnumerable<string> References(string html) =>
        Reference().Matches(html).Select(m => m.Groups[1].Value.TrimStart('/'));

    [GeneratedRegex("(?:src|href)=\"(/[^\"]+)\"")]
    private static partial Regex Reference();
}
