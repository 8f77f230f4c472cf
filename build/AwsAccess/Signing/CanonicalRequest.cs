using System.Security.Cryptography;
using System.Text;

namespace AwsAccess;

/// <summary>
/// SigV4's canonical request, which SigV4A signs unchanged: method, the path URI-encoded once more (every service
/// but S3), the query sorted and encoded, the signed headers lower-cased and trimmed, and the payload's SHA-256.
/// </summary>
public static class CanonicalRequest
{
    public static string Build(string method, string rawPath, IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<KeyValuePair<string, string>> signedHeaders, string payloadHash)
    {
        var headers = string.Concat(signedHeaders.Select(h => $"{h.Key}:{h.Value}\n"));
        return string.Join('\n', method.ToUpperInvariant(), CanonicalPath(rawPath), CanonicalQuery(query), headers,
            SignedHeaderList(signedHeaders), payloadHash);
    }

    /// <summary>Lower-cased names, sorted; values with runs of spaces folded and trimmed.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Canonicalize(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), FoldSpaces(h.Value)))
               .OrderBy(h => h.Key, StringComparer.Ordinal).ToList();

    public static string SignedHeaderList(IReadOnlyList<KeyValuePair<string, string>> signedHeaders) =>
        string.Join(';', signedHeaders.Select(h => h.Key));

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The request's path as sent (labels already escaped), normalized and escaped again segment by segment.</summary>
    public static string CanonicalPath(string rawPath)
    {
        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); continue; }
            segments.Add(Escape(segment));
        }
        var trailing = segments.Count > 0 && rawPath.EndsWith('/') ? "/" : "";
        return "/" + string.Join('/', segments) + trailing;
    }

    private static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join('&', query.Select(p => (Key: Escape(p.Key), Value: Escape(p.Value)))
                              .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                              .Select(p => p.Key + "=" + p.Value));

    /// <summary>RFC 3986: everything but A–Z a–z 0–9 - _ . ~ as %XX of its UTF-8 bytes, upper-case hex.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2"));
        }
        return builder.ToString();
    }

    private static string FoldSpaces(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value.Replace('\r', ' ').Replace('\n', ' '), "[ \t]+", " ").Trim();
}
