using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.Artifacts;

/// <summary>
/// Reads and writes artifacts/manifest.json in the shape the build agreed on. Written by hand with
/// Utf8JsonWriter: fixed key order, two-space indent, '\n' line ends and unescaped '+' and '/' in base64,
/// so identical inputs give identical bytes on every OS.
/// </summary>
public static partial class ArtifactManifestFile
{
    private static readonly JsonWriterOptions Format = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(ArtifactManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Format))
        {
            json.WriteStartObject();
            json.WriteString("version", manifest.Version);
            json.WriteString("informationalVersion", manifest.InformationalVersion);
            json.WriteString("commit", manifest.Commit);
            json.WriteString("branch", manifest.Branch);
            json.WriteStartArray("artifacts");
            foreach (var artifact in manifest.Artifacts.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", artifact.Name);
                json.WriteString("kind", artifact.Kind);
                json.WriteString("path", artifact.Path);
                json.WriteNumber("size", artifact.Size);
                json.WriteString("sha256", artifact.Sha256);
                json.WriteString("codeSha256", artifact.CodeSha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Writes atomically (temporary file, then rename): a reader never sees half a manifest.</summary>
    public static void Write(string path, ArtifactManifest manifest)
    {
        Check(manifest, path);
        var temporary = path + ".partial";
        File.WriteAllBytes(temporary, Serialize(manifest));
        File.Move(temporary, path, overwrite: true);
    }

    public static ArtifactManifest Read(string path)
    {
        if (!File.Exists(path)) throw new ArtifactException($"{path} does not exist: run ./build.sh Package first.");
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    public static ArtifactManifest Parse(string json, string source)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement; }
        catch (JsonException error) { throw new ArtifactException($"{source} is not valid JSON ({error.Message}): run ./build.sh Package again.", error); }
        string Text(JsonElement element, string name, string where) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new ArtifactException($"{source}: {where}{name} is missing or not a string: run ./build.sh Package again.");
        if (!root.TryGetProperty("artifacts", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new ArtifactException($"{source}: artifacts is missing or not a list: run ./build.sh Package again.");
        var artifacts = list.EnumerateArray().Select((item, i) =>
        {
            var where = $"artifacts[{i}].";
            if (!item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes))
                throw new ArtifactException($"{source}: {where}size is missing or not a whole number: run ./build.sh Package again.");
            return new ManifestArtifact(Text(item, "name", where), Text(item, "kind", where), Text(item, "path", where), bytes,
                Text(item, "sha256", where), Text(item, "codeSha256", where));
        }).ToList();
        var manifest = new ArtifactManifest(Text(root, "version", ""), Text(root, "informationalVersion", ""), Text(root, "commit", ""), Text(root, "branch", ""), artifacts);
        Check(manifest, source);
        return manifest;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex();

    private static void Check(ArtifactManifest manifest, string source)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifact in manifest.Artifacts)
        {
            string? problem = null;
            if (!names.Add(artifact.Name)) problem = "is listed twice";
            else if (artifact.Kind is not (ManifestArtifact.SiteKind or ManifestArtifact.FunctionKind)) problem = $"has kind '{artifact.Kind}' (site or function expected)";
            else if (!Hex().IsMatch(artifact.Sha256)) problem = "has a sha256 that is not 64 lower-case hex digits";
            else if (!IsSha256Base64(artifact.CodeSha256)) problem = "has a codeSha256 that is not a base64 SHA-256";
            else if (artifact.Size < 0) problem = "has a negative size";
            else if (artifact.Path.Length == 0 || artifact.Path.StartsWith('/') || artifact.Path.Split('/', '\\').Contains("..")) problem = $"has path '{artifact.Path}' outside the artifacts folder";
            else if (!Convert.FromBase64String(artifact.CodeSha256).SequenceEqual(Convert.FromHexString(artifact.Sha256))) problem = "has sha256 and codeSha256 of different contents";
            if (problem is not null) throw new ArtifactException($"{source}: artifact '{artifact.Name}' {problem}: run ./build.sh Package again.");
        }
    }

    private static bool IsSha256Base64(string value)
    {
        var bytes = new byte[32];
        return value.Length == 44 && Convert.TryFromBase64String(value, bytes, out var written) && written == 32;
    }
}
