using System.Text.RegularExpressions;

namespace Deploy.Site;

/// <summary>What a key is to a Gatsby site; decides its cache policy and its upload phase.</summary>
public enum AssetClass
{
    /// <summary>static/** and content-hashed JS/CSS (and their .map / .LICENSE.txt): never change under the same name.</summary>
    Immutable,
    /// <summary>Everything else that is not HTML or page data: images at fixed names, sitemap, RSS, robots.txt, sw.js.</summary>
    Other,
    /// <summary>page-data/** (incl. page-data/sq/d/*) and app-data.json: what the client router fetches to render a page.</summary>
    PageData,
    Html,
}

public static partial class AssetClasses
{
    /// <summary>
    /// webpack names Gatsby's bundles [name]-[contenthash].js (styles use a dot: styles.[contenthash].css);
    /// the hash is 20 hex digits by default. 16+ hex digits avoids mistaking dates or versions for hashes.
    /// </summary>
    [GeneratedRegex(@"^[^/]+[-.][0-9a-f]{16,}\.(js|mjs|css)(\.map|\.LICENSE\.txt)?$")]
    private static partial Regex HashedBundle();

    public static AssetClass Of(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        if (name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            return AssetClass.Html;
        if (key.StartsWith("page-data/", StringComparison.Ordinal) || name == "app-data.json")
            return AssetClass.PageData;
        if (key.StartsWith("static/", StringComparison.Ordinal) || HashedBundle().IsMatch(name))
            return AssetClass.Immutable;
        return AssetClass.Other;
    }
}
