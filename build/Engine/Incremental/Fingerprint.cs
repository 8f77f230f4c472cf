using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BuildGraph;

/// <summary>
/// What an incremental target's last success saw: a SHA-256 per input file (by root-relative path),
/// per input value, and per output file. Stored in .nuke/temp/fingerprints/&lt;Target&gt;.json.
/// </summary>
internal sealed record FingerprintState(
    string Declaration,
    SortedDictionary<string, string> Inputs,
    SortedDictionary<string, string> Values,
    SortedDictionary<string, string> Outputs)
{
    // Every member required and non-null: a record that lacks one is unreadable, not a half-empty state.
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static FingerprintState? FromJson(string text)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<FingerprintState>(text, Options);
            return stored is null ? null : stored with { Inputs = Ordinal(stored.Inputs), Values = Ordinal(stored.Values), Outputs = Ordinal(stored.Outputs) };
        }
        catch (JsonException)
        {
            return null; // unreadable: treat as never built
        }
    }

    static SortedDictionary<string, string> Ordinal(SortedDictionary<string, string> map) => new(map, StringComparer.Ordinal);
}

/// <summary>Decides whether an incremental target is up to date, and records its state after a success.</summary>
internal sealed class Fingerprint(ExecutableTarget target, AbsolutePath rootDirectory)
{
    readonly AbsolutePath file = rootDirectory / ".nuke" / "temp" / "fingerprints" / $"{target.Name}.json";

    /// <summary>Inputs and values now; taken before the body runs, so edits during the run count as changes.</summary>
    public FingerprintState Capture() => new(Declaration(), HashFiles(InputFiles()), HashValues(), new(StringComparer.Ordinal));

    /// <summary>Null when up to date; otherwise why the target must run.</summary>
    public string? Staleness(FingerprintState current)
    {
        if (!file.FileExists() || FingerprintState.FromJson(file.ReadAllText()) is not { } stored)
            return "no record of a previous success";
        if (stored.Declaration != current.Declaration)
            return "the target's inputs or outputs declaration changed";
        if (Difference(stored.Inputs, current.Inputs) is { } input)
            return $"input {input} changed";
        if (Difference(stored.Values, current.Values) is { } value)
            return $"input value {value} changed";
        if (target.Definition.OutputGlobs.Count == 0)
            return null;
        var outputs = HashFiles(FileGlobs.Match(rootDirectory, target.Definition.OutputGlobs));
        if (outputs.Count == 0)
            return "no outputs exist";
        return Difference(stored.Outputs, outputs) is { } output ? $"output {output} changed or is missing" : null;
    }

    public void Save(FingerprintState inputs)
    {
        var state = inputs with { Outputs = HashFiles(FileGlobs.Match(rootDirectory, target.Definition.OutputGlobs)) };
        file.Parent!.CreateDirectory();
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, state.ToJson());
        File.Move(temporary, file, overwrite: true);
    }

    public void Delete() => file.DeleteFile();

    IEnumerable<string> InputFiles() =>
        FileGlobs.Match(rootDirectory, target.Definition.InputGlobs)
            .Concat(target.Definition.InputFiles.SelectMany(files => files())
                .Where(path => path.FileExists())
                .Select(path => rootDirectory.Contains(path) ? rootDirectory.GetRelativePathTo(path) : path.ToString()));

    string Declaration()
    {
        var definition = target.Definition;
        var text = string.Join("\n", [
            "inputs:", .. definition.InputGlobs, "files:" + definition.InputFiles.Count, "values:",
            .. definition.InputValueExpressions.Select(ExpressionText.Of), "outputs:", .. definition.OutputGlobs]);
        return Sha256(Encoding.UTF8.GetBytes(text));
    }

    // Values are stored hashed: an input value may be a secret, and the file sits on disk.
    SortedDictionary<string, string> HashValues()
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var expression in target.Definition.InputValueExpressions)
        {
            var value = expression.Compile(preferInterpretation: true)();
            var text = value switch
            {
                null => "<null>",
                string[] array => string.Join("\u001f", array),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            values[ExpressionText.Of(expression)] = Sha256(Encoding.UTF8.GetBytes(text));
        }
        return values;
    }

    SortedDictionary<string, string> HashFiles(IEnumerable<string> relativePaths)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var relative in relativePaths.Distinct(StringComparer.Ordinal))
        {
            var path = Path.IsPathFullyQualified(relative) ? relative : Path.Combine(rootDirectory, relative);
            using var stream = File.OpenRead(path);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
                hash.AppendData(buffer, 0, read);
            hashes[relative] = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        return hashes;
    }

    static string? Difference(SortedDictionary<string, string> stored, SortedDictionary<string, string> current) =>
        current.FirstOrDefault(p => !stored.TryGetValue(p.Key, out var hash) || hash != p.Value).Key
        ?? stored.Keys.FirstOrDefault(key => !current.ContainsKey(key));

    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
