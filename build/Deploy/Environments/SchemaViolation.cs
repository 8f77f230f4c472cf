using System.Text.Json;
using Json.Schema;

namespace Deploy.Environments;

/// <summary>Turns JSON Schema evaluation output into one line with a JSON path and a fix.</summary>
static class SchemaViolation
{
    public static EnvironmentsFileException Describe(EvaluationResults results, JsonElement root, string fileName)
    {
        // The deepest failing location is the most specific one to name. A failing node may carry no message
        // (a "not" that matched): then its location still tells where, and the value tells what.
        var failures = Failing(results)
            .Where(d => d.Errors is { Count: > 0 } || !(d.Details ?? []).Any(c => !c.IsValid))
            .SelectMany(d => d.Errors is { Count: > 0 }
                ? d.Errors.Select(e => (Location: d.InstanceLocation.ToString(), Keyword: e.Key, Message: e.Value))
                : [(Location: d.InstanceLocation.ToString(), Keyword: "pattern", Message: "")])
            .OrderByDescending(f => f.Location.Count(c => c == '/'))
            .ThenBy(f => f.Keyword == "additionalProperties" ? 1 : 0)
            .ToList();
        if (failures.Count == 0)
            return EnvironmentsFileException.At(fileName, "$", "does not match " + EnvironmentsLoader.SchemaFileName, "compare the file with the schema");

        var (location, keyword, message) = failures[0];
        var path = ToJsonPath(location);
        var more = failures.Select(f => f.Location).Distinct().Count() - 1;
        var suffix = more > 0 ? $" ({more} more location{(more == 1 ? "" : "s")} fail too)" : "";
        return EnvironmentsFileException.At(fileName, path, Problem(keyword, message, location, root) + suffix, Fix(keyword, location));
    }

    /// <summary>Nodes of the hierarchical output that failed, reached only through failing parents
    /// (a subschema failing inside a passing "not" is not a problem).</summary>
    static IEnumerable<EvaluationResults> Failing(EvaluationResults node)
    {
        if (node.IsValid) yield break;
        yield return node;
        foreach (var child in node.Details ?? [])
            foreach (var failing in Failing(child))
                yield return failing;
    }

    static string Problem(string keyword, string message, string location, JsonElement root) => keyword switch
    {
        "" or "false" or "additionalProperties" => $"'{LastSegment(location)}' is not a known property",
        "pattern" => $"value '{ValueAt(root, location)}' has the wrong form",
        _ => message.TrimEnd('.'),
    };

    static string Fix(string keyword, string location) => keyword switch
    {
        "" or "false" or "additionalProperties" => "remove it or correct its spelling (see infra/" + EnvironmentsLoader.SchemaFileName + ")",
        "required" => "add the missing property",
        "pattern" => PatternFix(LastSegment(location)),
        "type" => "use the type the schema names for this property",
        "format" => "write a valid value",
        "uniqueItems" => "remove the duplicate",
        _ => "see infra/" + EnvironmentsLoader.SchemaFileName,
    };

    static string PatternFix(string property) => property switch
    {
        "id" => "an account id is 12 digits",
        "deployRole" => "write an IAM role ARN, e.g. arn:aws:iam::123456789012:role/name",
        "bucket" => "a bucket name is 3-63 lowercase letters, digits, dots or hyphens",
        "kmsKey" => "write alias/<name>, a key ARN or a key id",
        "region" or "pipelineRegion" => "write a region code such as eu-central-1",
        "distributionId" => "write the CloudFront distribution id, e.g. E1ABCDEF2GHIJK",
        _ => "write a value matching the pattern in infra/" + EnvironmentsLoader.SchemaFileName,
    };

    static string ToJsonPath(string pointer) =>
        pointer.Length == 0 ? "$" : "$" + string.Concat(pointer.Split('/').Skip(1).Select(Segment));

    static string Segment(string raw)
    {
        var s = raw.Replace("~1", "/").Replace("~0", "~");
        if (int.TryParse(s, out _)) return $"[{s}]";
        return s.All(c => char.IsLetterOrDigit(c) || c == '_') ? "." + s : $"['{s}']";
    }

    static string LastSegment(string pointer) => pointer.Split('/').Last().Replace("~1", "/").Replace("~0", "~");

    static string ValueAt(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var s = raw.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(s, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(s, out var i) && i < current.GetArrayLength()) current = current[i];
            else return s; // a property name failed (propertyNames): the name is the value
        }
        return current.ValueKind == JsonValueKind.String ? current.GetString()! : current.GetRawText();
    }
}
