using System.Text.Json;
using System.Text.Json.Nodes;

namespace BuildGraph;

/// <summary>
/// .nuke/build.schema.json: a JSON Schema (draft 2020-12) of .nuke/parameters*.json, so IDEs complete
/// parameter names, enum values and target names. Keys are the C# member names, as in Nuke.
/// </summary>
public static class BuildSchema
{
    public static string Generate(Type buildType)
    {
        var targetNames = TargetGraph.TargetProperties(buildType).Select(p => p.Name).Order(StringComparer.Ordinal);
        var parameters = ParameterCatalog.ForBuild(buildType)
            .Concat(ParameterCatalog.BuiltIns.Where(b => !BuiltInParameters.IsExcludedFromParameterFiles(b)))
            .OrderBy(p => p.MemberName, StringComparer.Ordinal);

        var properties = new JsonObject { ["$schema"] = new JsonObject { ["type"] = "string" } };
        foreach (var parameter in parameters)
            properties[parameter.MemberName] = Property(parameter);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = $"Parameters of {buildType.Name}",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
            ["$defs"] = new JsonObject
            {
                ["Target"] = new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray(targetNames.Select(n => (JsonNode)n).ToArray()),
                },
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n" }) + "\n";
    }

    /// <summary>Writes the schema only when its content changed (atomically), so the file's timestamp means something.</summary>
    internal static bool WriteIfChanged(Type buildType, AbsolutePath rootDirectory)
    {
        var file = rootDirectory / ".nuke" / "build.schema.json";
        var content = Generate(buildType);
        if (file.FileExists() && File.ReadAllText(file) == content)
            return false;
        file.Parent!.CreateDirectory();
        var temporary = file + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, file, overwrite: true);
        return true;
    }

    static JsonObject Property(ParameterMember parameter)
    {
        var isTargetList = parameter.IsBuiltIn && parameter.MemberName is nameof(BuiltInParameters.Target) or nameof(BuiltInParameters.Skip);
        var type = parameter.ValueType;
        var property = type == typeof(string[])
            ? new JsonObject
            {
                ["type"] = "array",
                ["items"] = isTargetList ? new JsonObject { ["$ref"] = "#/$defs/Target" } : new JsonObject { ["type"] = "string" },
            }
            : type == typeof(bool) ? new JsonObject { ["type"] = "boolean" }
            : type == typeof(int) ? new JsonObject { ["type"] = "integer" }
            : type.IsEnum ? new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)n).ToArray()),
            }
            : new JsonObject { ["type"] = "string" };
        if (parameter.Description is { } description)
            property["description"] = description;
        return property;
    }
}
