using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Deploy.Tests.Releases;

/// <summary>
/// A site shaped like Gatsby's output for the release proofs: each version has its own webpack compilation hash, named
/// by app-data.json, by every page (window.___webpackCompilationHash, as Gatsby writes it) and by the app bundle's
/// name, so any response tells which release it came from. <paramref name="Edited"/> pages change text in HTML and page data.
/// </summary>
public sealed partial record ProofSite(string Version, int Pages, IReadOnlySet<int> Edited)
{
    public string CompilationHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Version)))[..20];

    public string Text(int page) => Edited.Contains(page) ? $"Post {page}, revised in {Version}" : $"Post {page}";

    public void WriteTo(string root)
    {
        Write(root, $"app-{CompilationHash}.js", $"window.___chunkMapping={{}}; /* compilation {CompilationHash} */");
        Write(root, "page-data/app-data.json", $"{{\"webpackCompilationHash\":\"{CompilationHash}\"}}");
        for (var i = 0; i < Pages; i++)
        {
            Write(root, $"blog/post-{i}/index.html",
                $"<!DOCTYPE html><html><head><title>{Text(i)}</title></head><body><p>{Text(i)}</p>" +
                $"<script>window.___webpackCompilationHash=\"{CompilationHash}\";</script><script src=\"/app-{CompilationHash}.js\" async></script></body></html>");
            Write(root, $"page-data/blog/post-{i}/page-data.json", $"{{\"componentChunkName\":\"component---src-templates-post-js\",\"result\":{{\"text\":\"{Text(i)}\"}}}}");
        }
    }

    /// <summary>The compilation hash a page names, and its text.</summary>
    public static (string Hash, string Text) ReadPage(string html) =>
        (PageHash().Match(html).Groups[1].Value, Title().Match(html).Groups[1].Value);

    public static string ReadAppData(string json) => AppDataHash().Match(json).Groups[1].Value;

    public static string ReadPageData(string json) => PageText().Match(json).Groups[1].Value;

    static void Write(string root, string key, string content)
    {
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [GeneratedRegex("___webpackCompilationHash=\"([0-9a-f]+)\"")] private static partial Regex PageHash();
    [GeneratedRegex("<title>([^<]*)</title>")] private static partial Regex Title();
    [GeneratedRegex("\"webpackCompilationHash\":\"([0-9a-f]+)\"")] private static partial Regex AppDataHash();
    [GeneratedRegex("\"text\":\"([^\"]*)\"")] private static partial Regex PageText();
}
