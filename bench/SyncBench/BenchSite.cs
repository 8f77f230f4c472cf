using System.Security.Cryptography;
using System.Text;

namespace SyncBench;

/// <summary>
/// A Gatsby-shaped site of exactly the number of files asked for: 30 fixed files (hashed JS/CSS bundles and their
/// maps, app-data, robots, sitemap, home page), 3 per post (HTML, page-data, a static image of realistic size) and up to
/// 2 icons to make the count exact. Deterministic, so a "rebuild" writes identical bytes with new modification times.
/// </summary>
public static class BenchSite
{
    const int FixedFiles = 30;
    const int FilesPerPost = 3;

    public const int MinimumFiles = FixedFiles;

    public static void Write(string root, int files)
    {
        if (files < MinimumFiles)
            throw new ArgumentException($"--files {files} is below the {MinimumFiles} files every generated site has; fix: pass --files {MinimumFiles} or more");
        var pages = (files - FixedFiles) / FilesPerPost;
        for (var i = 0; i < (files - FixedFiles) % FilesPerPost; i++)
            File(root, $"icons/icon-{48 << i}x{48 << i}.png", Filler($"icon {i}", 2_000));
        var bundles = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var content = Filler($"chunk {i}", 20_000 + i * 3_000);
            var name = $"component---chunk-{i}-{Hash(content)}.js";
            File(root, name, content);
            File(root, name + ".map", Filler($"map {i}", 40_000));
            bundles.Add(name);
        }
        var styles = Filler("styles", 30_000);
        File(root, $"styles.{Hash(styles)}.css", styles);
        File(root, "page-data/app-data.json", "{\"webpackCompilationHash\":\"0123456789abcdef0123\"}");
        File(root, "robots.txt", "User-agent: *\nAllow: /\n");
        File(root, "sitemap-0.xml", "<urlset>" + string.Concat(Enumerable.Range(0, pages).Select(i => $"<url><loc>/blog/post-{i}/</loc></url>")) + "</urlset>");
        var scripts = string.Concat(bundles.Take(4).Select(b => $"<script src=\"/{b}\"></script>"));
        Page(root, "index.html", "page-data/index/page-data.json", "Home", scripts);
        for (var i = 0; i < pages; i++)
        {
            Page(root, $"blog/post-{i}/index.html", $"page-data/blog/post-{i}/page-data.json", $"Post {i}", scripts);
            File(root, $"static/{Hash("img" + i)[..8]}/cover-{i}.png", Filler($"image {i}", 15_000 + i % 7 * 5_000));
        }
    }

    static void Page(string root, string html, string pageData, string title, string scripts)
    {
        File(root, html, $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>{Filler(title, 8_000)}{scripts}</body></html>");
        File(root, pageData, $"{{\"result\":{{\"title\":\"{title}\",\"html\":\"{Filler(title, 4_000)}\"}}}}");
    }

    static string Filler(string seed, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length) text.Append(seed).Append(' ').Append(text.Length % 97).Append(' ');
        return text.ToString(0, length);
    }

    static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..20];

    static void File(string root, string key, string content)
    {
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
    }
}
