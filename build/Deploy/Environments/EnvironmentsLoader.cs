using System.Text.Json;
using Json.Schema;

namespace Deploy.Environments;

/// <summary>
/// Reads infra/environments.json: schema first (so a typo fails with its JSON path, not a null later),
/// then the typed model, then the cross-references a schema cannot express.
/// </summary>
public static class EnvironmentsLoader
{
    public const string SchemaFileName = "environments.schema.json";

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Loads <paramref name="path"/>, validating it against environments.schema.json in the same folder.</summary>
    public static EnvironmentsFile Load(string path, string? schemaPath = null)
    {
        schemaPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SchemaFileName);
        if (!File.Exists(path))
            throw new EnvironmentsFileException($"{path}: file not found; fix: run from the repository root or pass the path of infra/environments.json");
        if (!File.Exists(schemaPath))
            throw new EnvironmentsFileException($"{schemaPath}: schema not found; fix: restore infra/{SchemaFileName} from git");
        return Parse(File.ReadAllText(path), File.ReadAllText(schemaPath), path);
    }

    public static EnvironmentsFile Parse(string json, string schemaJson, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw EnvironmentsFileException.At(fileName, $"line {e.LineNumber + 1}", "not valid JSON (" + FirstSentence(e.Message) + ")", "correct the JSON syntax");
        }

        if (DuplicateKeys.Find(json) is { } duplicate)
        {
            document.Dispose();
            throw EnvironmentsFileException.At(fileName, duplicate.ObjectPath, $"key '{duplicate.Key}' appears twice (a JSON reader silently keeps only the last)",
                $"keep one '{duplicate.Key}' in that object");
        }

        using (document)
        {
            var schema = JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions
            {
                OutputFormat = OutputFormat.Hierarchical,
                RequireFormatValidation = true,
            });
            if (!results.IsValid)
                throw SchemaViolation.Describe(results, document.RootElement, fileName);

            var file = document.RootElement.Deserialize<EnvironmentsFile>(Json)
                ?? throw EnvironmentsFileException.At(fileName, "$", "empty document", "write the environments object");
            EnvironmentsChecks.Verify(file, fileName);
            return file;
        }
    }

    static string FirstSentence(string message) => message.Split('.', 2)[0];
}
