using System.Text.Json;
using System.Text.Json.Serialization;
using Deploy.Site;

namespace Deploy.Releases;

/// <summary>
/// One release as kept in the bucket: what was deployed (version, commit, time) and every file it serves, with the
/// release whose folder holds the bytes. Its <see cref="Files"/> are the site sync's <see cref="DeployState"/> objects
/// (the deploy id of each is the release that stored it), so the next release is planned by the same SitePlanner.
/// </summary>
public sealed record ReleaseManifest(
    int Id,
    string Version,
    string Commit,
    DateTimeOffset CreatedAt,
    long Size,
    IReadOnlyDictionary<string, ReleaseFile> Files)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ReleaseManifest FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReleaseManifest>(json, Json) ?? throw new JsonException("empty release manifest");

    /// <summary>The files as the site sync's state: what the next plan compares against.</summary>
    public DeployState ToDeployState() => new(Id.ToString(), CreatedAt, null,
        Files.ToDictionary(f => f.Key, f => new ObjectState(f.Value.ETag, f.Value.Md5, f.Value.ContentType, f.Value.CacheControl, f.Value.StoredIn.ToString(), f.Value.RemovedAt), StringComparer.Ordinal));

    /// <summary>The files as the bucket listing the planner reads: each served path with its ETag and size.</summary>
    public IReadOnlyDictionary<string, RemoteObject> ToRemoteObjects() =>
        Files.ToDictionary(f => f.Key, f => new RemoteObject(f.Key, f.Value.ETag, f.Value.Size), StringComparer.Ordinal);
}

/// <param name="StoredIn">The release whose folder holds these bytes (this one, or an earlier one it shares them with).</param>
/// <param name="RemovedAt">Set for a hashed asset the site no longer has, still served for pages open in browsers (grace period).</param>
public sealed record ReleaseFile(string Md5, string ETag, long Size, string ContentType, string CacheControl, int StoredIn, DateTimeOffset? RemovedAt = null);
