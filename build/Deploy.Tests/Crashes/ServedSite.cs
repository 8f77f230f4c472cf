using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Deploy.Tests.Site;

namespace Deploy.Tests.Crashes;

/// <summary>
/// Whether the site the local edge serves is whole: every HTML page's scripts, styles, images and page-data answer 200,
/// and each content-hashed bundle holds the bytes its name promises (no half-written or mixed-up object under a name a
/// page of either version references).
/// </summary>
static partial class ServedSite
{
    /// <summary>One line per problem; none when the site is complete.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(HttpClient http, Uri edge, IEnumerable<string> htmlKeys)
    {
        var problems = new List<string>();
        var fetched = new Dictionary<string, (int Status, string Body)>(StringComparer.Ordinal); // bundles are shared by every page: fetched once
        async Task<string?> GetAsync(string path, string from)
        {
            if (!fetched.TryGetValue(path, out var answer))
            {
                using var response = await http.GetAsync(new Uri(edge, "/" + path));
                fetched[path] = answer = ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            if (answer.Status == 200) return answer.Body;
            problems.Add($"{path} (from {from}): {answer.Status}");
            return null;
        }
        if (await GetAsync("page-data/app-data.json", "every page") is null) return problems;
        foreach (var key in htmlKeys)
        {
            if (await GetAsync(key, "the bucket listing") is not { } html) continue;
            foreach (var reference in GeneratedSite.References(html).Append(PageDataOf(key)).Distinct())
            {
                var body = await GetAsync(reference, key);
                if (body is not null && HashedName().Match(reference) is { Success: true } hashed && !Sha(body).StartsWith(hashed.Groups["hash"].Value, StringComparison.Ordinal))
                    problems.Add($"{reference} (from {key}): its content does not hash to its name");
            }
        }
        return problems;
    }

    /// <summary>Gatsby's page-data of a page: index.html → page-data/index/page-data.json, blog/x/index.html → page-data/blog/x/page-data.json.</summary>
    static string PageDataOf(string htmlKey)
    {
        var folder = htmlKey == "index.html" ? "index" : htmlKey[..htmlKey.LastIndexOf('/')];
        return $"page-data/{folder}/page-data.json";
    }

    static string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    [GeneratedRegex(@"^(?:app|framework)-(?<hash>[0-9a-f]{20})\.js$|^styles\.(?<hash>[0-9a-f]{20})\.css$")]
    private static partial Regex HashedName();
}
