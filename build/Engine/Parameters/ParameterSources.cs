using System.Text.Json;

namespace BuildGraph;

/// <summary>A parameter's raw value and where it came from (for error messages and path resolution).</summary>
internal sealed record RawValue(IReadOnlyList<string> Tokens, string? Source, AbsolutePath BaseDirectory, bool WasArray);

/// <summary>
/// The places a parameter value can come from, highest first: command line, environment variable,
/// .nuke/parameters.&lt;profile&gt;.json (later profiles win), .nuke/parameters.json.
/// </summary>
internal sealed class ParameterSources
{
    readonly ParsedCommandLine commandLine;
    readonly IReadOnlyDictionary<string, string?> environment;
    readonly AbsolutePath workingDirectory;
    readonly List<(string File, Dictionary<ParameterMember, RawValue> Values)> files = [];

    ParameterSources(ParsedCommandLine commandLine, IReadOnlyDictionary<string, string?> environment, AbsolutePath workingDirectory)
    {
        this.commandLine = commandLine;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /// <summary>Reads every parameters file up front, so an unknown key fails before anything runs.</summary>
    public static ParameterSources Load(
        ParsedCommandLine commandLine, IReadOnlyDictionary<string, string?> environment, AbsolutePath workingDirectory,
        AbsolutePath rootDirectory, IReadOnlyList<ParameterMember> parameters, IReadOnlyCollection<string>? targetNames = null)
    {
        var sources = new ParameterSources(commandLine, environment, workingDirectory);
        // --profile itself comes from the command line or NUKE_PROFILE, before any file is read.
        var profileMember = parameters.Single(p => p.IsBuiltIn && p.MemberName == nameof(BuiltInParameters.Profile));
        var profiles = sources.Find(profileMember)?.Tokens ?? [];
        var nuke = rootDirectory / ".nuke";
        // --profile takes every word after it: `--profile ci Package` names Package as a profile, not as a target.
        static string Plain(string name) => name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (profiles.FirstOrDefault(p => !(nuke / $"parameters.{p}.json").FileExists() && (targetNames ?? []).Any(t => Plain(t) == Plain(p))) is { } target)
        {
            var others = profiles.Where(p => p != target).ToList();
            throw new BuildInputException($"'{target}' after --profile is read as a profile, not as the target {target}: --profile takes every word after it; " +
                $"fix: name targets first (./build.sh {target} --profile {(others.Count > 0 ? string.Join(' ', others) : "<name>")}).");
        }
        foreach (var profile in profiles.Reverse())
        {
            var file = nuke / $"parameters.{profile}.json";
            if (!file.FileExists())
                throw new BuildInputException($"Profile '{profile}' not found: create .nuke/parameters.{profile}.json or drop --profile {profile}.");
            sources.files.Add((file.Name, ReadFile(file, rootDirectory, parameters)));
        }
        var defaults = nuke / "parameters.json";
        if (defaults.FileExists())
            sources.files.Add((defaults.Name, ReadFile(defaults, rootDirectory, parameters)));
        return sources;
    }

    public RawValue? Find(ParameterMember member)
    {
        if (commandLine.ValuesOf(member) is { } given)
            return new RawValue(member.IsFlag && given.Count == 0 ? ["true"] : given, null, workingDirectory, member.IsArray);
        if (FromEnvironment(member) is var (name, value))
        {
            var tokens = member.IsArray ? value.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) : [value.Trim()];
            return new RawValue(tokens, $"environment variable {name}", workingDirectory, member.IsArray);
        }
        foreach (var (_, values) in files)
        {
            if (values.TryGetValue(member, out var raw))
                return raw;
        }
        return null;
    }

    // Exact member name first, then any spelling with the same letters (AWS_PROFILE, awsprofile),
    // unprefixed before NUKE_-prefixed. Built-ins only answer to NUKE_ names: PROFILE or PLAN are too common.
    (string Name, string Value)? FromEnvironment(ParameterMember member)
    {
        if (BuiltInParameters.IsInvocationOnly(member))
            return null;
        var candidates = environment
            .Where(pair => !string.IsNullOrEmpty(pair.Value))
            .Select(pair => (pair.Key, Value: pair.Value!, Prefixed: pair.Key.StartsWith("NUKE_", StringComparison.OrdinalIgnoreCase)))
            .Where(c => c.Prefixed ? member.Matches(c.Key[5..]) : !member.IsBuiltIn && member.Matches(c.Key))
            .OrderBy(c => c.Key == member.MemberName ? 0 : c.Prefixed ? 2 : 1)
            .ThenBy(c => c.Key, StringComparer.Ordinal);
        foreach (var candidate in candidates)
            return (candidate.Key, candidate.Value);
        return null;
    }

    static Dictionary<ParameterMember, RawValue> ReadFile(AbsolutePath file, AbsolutePath root, IReadOnlyList<ParameterMember> parameters)
    {
        var source = $".nuke/{file.Name}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new BuildInputException($"{source} is not valid JSON (line {exception.LineNumber + 1}: {exception.Message.Split(" Path:")[0].Split(" LineNumber:")[0].Trim()}); fix: correct it there, or delete the file to use none");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildInputException($"{source} must contain a JSON object of parameter values.");
            var settable = parameters.Where(p => !BuiltInParameters.IsExcludedFromParameterFiles(p)).ToList();
            var values = new Dictionary<ParameterMember, RawValue>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "$schema")
                    continue;
                var member = settable.FirstOrDefault(p => p.Matches(property.Name));
                if (member is null)
                {
                    var suggestion = NameStyle.Suggest(property.Name, settable.Select(p => p.MemberName));
                    throw new BuildInputException($"Unknown parameter '{property.Name}' in {source}." +
                        (suggestion is null ? "" : $" Did you mean '{suggestion}'?") + " Run --help to list parameters.");
                }
                if (property.Value.ValueKind == JsonValueKind.Null)
                    continue;
                var isArray = property.Value.ValueKind == JsonValueKind.Array;
                var tokens = isArray ? property.Value.EnumerateArray().Select(e => Token(e, member, source)).ToList() : [Token(property.Value, member, source)];
                values[member] = new RawValue(tokens, source, root, isArray);
            }
            return values;
        }
    }

    static string Token(JsonElement element, ParameterMember member, string source) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new BuildInputException($"Parameter '{member.MemberName}' in {source} expects {member.TypeLabel}, got {element.ValueKind.ToString().ToLowerInvariant()}."),
    };
}
