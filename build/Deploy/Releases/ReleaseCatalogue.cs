using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.Releases;

/// <summary>One retained release as `./build.sh Releases` lists it.</summary>
public sealed record ReleaseSummary(int Id, string Version, string Commit, DateTimeOffset CreatedAt, long Size, int Files);

/// <summary>
/// The releases a site bucket retains and the key value store's path histories as last written (the planner reads them
/// here: one object instead of thousands of keys). Which release is live is the switch's alone, so promoting writes
/// nothing here. Written after the release's files and manifest, so a deploy stopped before it leaves it as it was.
/// </summary>
public sealed record ReleaseCatalogue(
    IReadOnlyList<ReleaseSummary> Releases,
    IReadOnlyDictionary<string, string> Paths)
{
    public static ReleaseCatalogue Empty { get; } = new([], new Dictionary<string, string>());

    [JsonIgnore]
    public int NextId => Releases.Count == 0 ? PathHistory.FirstRelease : Releases.Max(r => r.Id) + 1;

    [JsonIgnore]
    public ReleaseSummary? Newest => Releases.MaxBy(r => r.Id);

    public PathHistory HistoryOf(string switchKey) => PathHistory.Parse(Paths.GetValueOrDefault(switchKey));

    /// <summary>A release by id ("12" or its preview label "r12") or by version (the newest release of that version).</summary>
    public ReleaseSummary? Find(string idOrVersion)
    {
        var id = idOrVersion.StartsWith('r') ? idOrVersion[1..] : idOrVersion;
        if (int.TryParse(id, out var number) && Releases.FirstOrDefault(r => r.Id == number) is { } byId)
            return byId;
        return Releases.Where(r => r.Version == idOrVersion).MaxBy(r => r.Id);
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ReleaseManifest.Json);

    public static ReleaseCatalogue FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReleaseCatalogue>(json, ReleaseManifest.Json) ?? throw new JsonException("empty release catalogue");
}
