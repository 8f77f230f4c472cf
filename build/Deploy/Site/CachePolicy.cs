namespace Deploy.Site;

/// <summary>
/// Cache-Control per Gatsby's caching guidance: HTML, page data, app-data.json and sw.js must revalidate (they name
/// the current bundles), static/ and hashed bundles are immutable for a year, the rest is cached briefly.
/// </summary>
public static class CachePolicy
{
    public const string Revalidate = "public, max-age=0, must-revalidate";
    public const string Immutable = "public, max-age=31536000, immutable";
    /// <summary>Fixed-name files (favicon, sitemap, RSS, robots.txt): an hour in browsers; CloudFront is invalidated on change.</summary>
    public const string Short = "public, max-age=3600";

    public static string For(string key) => AssetClasses.Of(key) switch
    {
        AssetClass.Html or AssetClass.PageData => Revalidate,
        AssetClass.Immutable => Immutable,
        _ when key == "sw.js" || key.EndsWith("/sw.js", StringComparison.Ordinal) => Revalidate,
        _ => Short,
    };

    /// <summary>Cache-Control directives compare as a set: servers and SDKs may return them in another order.</summary>
    public static bool SameDirectives(string? a, string? b) => Normalize(a) == Normalize(b);

    public static string Normalize(string? value) => value is null ? "" : string.Join(", ",
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.ToLowerInvariant().Replace(" ", ""))
            .Order(StringComparer.Ordinal));
}
