using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;

namespace AwsAccess.Tests;

/// <summary>Compares request bodies by meaning: JSON as objects, XML as trees, query forms as sorted pairs.</summary>
public static class WireBody
{
    public static string Normalize(string body, string? contentType)
    {
        if (body.Length == 0) return "";
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{')) return Sorted(JsonNode.Parse(body)!).ToJsonString();
        if (trimmed.StartsWith('<')) return Xml(body);
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true) return Form(body);
        return body;
    }

    /// <summary>CallerReference only has to be unique per invalidation: both sides' values are replaced.</summary>
    private static string Xml(string body)
    {
        var root = XDocument.Parse(body).Root!;
        foreach (var reference in root.Descendants().Where(e => e.Name.LocalName == "CallerReference")) reference.Value = "<caller-reference>";
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static string Form(string body)
    {
        var form = HttpUtility.ParseQueryString(body);
        return string.Join('&', form.AllKeys.OrderBy(k => k, StringComparer.Ordinal).Select(k => $"{k}={form[k]}"));
    }

    public static string Query(string query) => string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(Uri.UnescapeDataString).OrderBy(p => p, StringComparer.Ordinal));

    private static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(e => e is null ? null : Sorted(e.DeepClone())).ToArray()),
        _ => node.DeepClone(),
    };
}
