using System.Text.Json;
using System.Text.Json.Nodes;

namespace BuildGraph;

/// <summary>
/// .nuke/build.schema.json in Nuke 10.1's layout (JSON Schema draft-04), so Nuke's shell completion, its IDE plugins and
/// editors read it as they read Nuke's: "definitions" holds the enum types, "ExecutableTarget" (the target names) and
/// "NukeBuild" (the built-in parameters); "allOf" joins the build's own parameters with a $ref to NukeBuild.
/// Keys are the C# member names, as in Nuke.
/// </summary>
public static class BuildSchema
{
    public static string Generate(Type buildType)
    {
        var definitions = new JsonObject();
        JsonObject Properties(IEnumerable<ParameterMember> members) =>
            new(members.OrderBy(p => p.MemberName, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.MemberName, (JsonNode?)Property(p, definitions))));

        var own = Properties(ParameterCatalog.ForBuild(buildType));
        definitions["ExecutableTarget"] = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = Strings(TargetGraph.TargetProperties(buildType).Select(p => p.Name).Order(StringComparer.Ordinal)),
        };
        var builtIns = Properties(ParameterCatalog.BuiltIns.Where(b => !BuiltInParameters.IsExcludedFromParameterFiles(b)));
        definitions["NukeBuild"] = new JsonObject { ["properties"] = builtIns };

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["definitions"] = definitions,
            ["allOf"] = new JsonArray(
                new JsonObject { ["properties"] = own },
                new JsonObject { ["$ref"] = "#/definitions/NukeBuild" }),
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

    // Shapes as Nuke's generator (NJsonSchema) writes them: enums as a definition and a $ref, int with its format,
    // a Nullable<T> as ["type", "null"], target lists as arrays of ExecutableTarget.
    static JsonObject Property(ParameterMember parameter, JsonObject definitions)
    {
        var isTargetList = parameter.IsBuiltIn && parameter.MemberName is nameof(BuiltInParameters.Target) or nameof(BuiltInParameters.Skip);
        var declared = parameter.Type;
        var type = parameter.ValueType;
        var property = new JsonObject();
        if (type.IsEnum)
        {
            definitions[type.Name] ??= new JsonObject { ["type"] = "string", ["description"] = "", ["enum"] = Strings(Enum.GetNames(type)) };
            if (parameter.Description is { } text)
                property["description"] = text;
            property["$ref"] = $"#/definitions/{type.Name}";
            return property;
        }

        var (name, format) = type == typeof(bool) ? ("boolean", null)
            : type == typeof(int) ? ("integer", "int32")
            : type == typeof(string[]) ? ("array", null)
            : ("string", (string?)null);
        property["type"] = declared != type ? new JsonArray(name, "null") : name;
        if (format is not null)
            property["format"] = format;
        if (parameter.Description is { } description)
            property["description"] = description;
        if (type == typeof(string[]))
            property["items"] = isTargetList ? new JsonObject { ["$ref"] = "#/definitions/ExecutableTarget" } : new JsonObject { ["type"] = "string" };
        return property;
    }

    static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
