using System.Text.Json;

namespace Deploy.Releases;

/// <summary>One retained release as `./build.sh Releases` lists it.</summary>
public sealed record ReleaseSummary(int Id, string Version, string Commit, DateTimeOffset CreatedAt, long Size, int Files);

/// <summary>
/// The releases a site bucket retains, which one the last promote made live and the one before it, and the key value
/// store's path histories as last written (the planner reads them here: one object instead of thousands of keys).
/// Written after the release's files and manifest, so a deploy stopped before it leaves the catalogue as it was.
/// </summary>
public sealed record ReleaseCatalogue(
    IReadOnlyList<ReleaseSummary> Releases,
    int? Live,
    int? Previous,
    IReadOnlyDictionary<string, string> Paths)
{
    public static ReleaseCatalogue Empty { get; } = new([], null, null, new Dictionary<string, string>());

    public int NextId => Releases.Count == 0 ? PathHistory.FirstRelease : Releases.Max(r => r.Id) + 1;

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

    public ReleaseCatalogue Promoted(int release) =>
        release == Live ? this : this with { Live = release, Previous = Live };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ReleaseManifest.Json);

    public static ReleaseCatalogue FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReleaseCatalogue>(json, ReleaseManifest.Json) ?? throw new JsonException("empty release catalogue");
}
