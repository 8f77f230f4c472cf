namespace Deploy.Site;

public sealed record RemoteObject(string Key, string ETag, long Size);

public sealed record ObjectHeaders(string? ContentType, string? CacheControl);

/// <summary>
/// The site bucket as the planner sees it: every object's ETag and size, the last deploy's state, and the headers of
/// the objects whose content already matches (from the state when it is current, else from HeadObject).
/// </summary>
public sealed record RemoteSite(
    IReadOnlyDictionary<string, RemoteObject> Objects,
    DeployState? State,
    IReadOnlyDictionary<string, ObjectHeaders> Headers)
{
    public static RemoteSite Empty { get; } = new(new Dictionary<string, RemoteObject>(), null, new Dictionary<string, ObjectHeaders>());

    /// <summary>The ETag of the state object as read (null: there was none), so the state is written only over that one.</summary>
    public string? StateETag { get; init; }

    /// <summary>The state's record of a key, only while it still describes the object in the bucket.</summary>
    public ObjectState? CurrentStateOf(string key) =>
        State?.Objects.TryGetValue(key, out var s) == true && Objects.TryGetValue(key, out var o) && SameETag(s.ETag, o.ETag) ? s : null;

    /// <summary>True when the remote object holds exactly the local file's bytes.</summary>
    public bool HasContentOf(LocalFile file)
    {
        if (!Objects.TryGetValue(file.Key, out var remote)) return false;
        if (file.ETags.Matches(remote.ETag)) return true;
        // ETags that are not MD5s (SSE-KMS, other part sizes): trust what we recorded when we wrote the object.
        return CurrentStateOf(file.Key) is { } state && state.Md5 == file.ETags.Md5;
    }

    public static bool SameETag(string a, string b) =>
        string.Equals(a.Trim('"'), b.Trim('"'), StringComparison.OrdinalIgnoreCase);
}
