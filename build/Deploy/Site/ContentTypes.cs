namespace Deploy.Site;

/// <summary>Content-Type by file extension; text types carry charset=utf-8 (what Gatsby writes).</summary>
public static class ContentTypes
{
    public const string Fallback = "application/octet-stream";

    static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        // documents and data
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".map"] = "application/json; charset=utf-8",
        [".webmanifest"] = "application/manifest+json; charset=utf-8",
        [".xml"] = "application/xml; charset=utf-8",
        [".rss"] = "application/rss+xml; charset=utf-8",
        [".atom"] = "application/atom+xml; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
        [".ics"] = "text/calendar; charset=utf-8",
        [".pdf"] = "application/pdf",
        [".wasm"] = "application/wasm",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        // images
        [".svg"] = "image/svg+xml; charset=utf-8",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        // fonts
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".eot"] = "application/vnd.ms-fontobject",
        // media
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
        [".ogv"] = "video/ogg",
        [".mp3"] = "audio/mpeg",
        [".ogg"] = "audio/ogg",
        [".wav"] = "audio/wav",
        [".vtt"] = "text/vtt; charset=utf-8",
    };

    public static string For(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        // js.LICENSE.txt and similar: the last extension decides.
        var dot = name.LastIndexOf('.');
        return dot < 0 ? Fallback : ByExtension.GetValueOrDefault(name[dot..], Fallback);
    }
}
