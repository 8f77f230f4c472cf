namespace Deploy.Site;

/// <summary>Upload phases, in the order the sync runs them: what a page needs is in place before the page.</summary>
public enum SitePhase
{
    HashedAssets = 1,
    OtherFiles = 2,
    PageData = 3,
    Html = 4,
}

public enum UploadReason { New, ChangedContent, ChangedMetadata }

public sealed record Upload(
    string Key,
    string LocalPath,
    long Size,
    string ContentType,
    string CacheControl,
    UploadReason Reason,
    FileETags ETags);

public sealed record UploadPhase(SitePhase Phase, IReadOnlyList<Upload> Uploads)
{
    public long Bytes => Uploads.Sum(u => u.Size);
}

public sealed record Deletion(string Key, long Size);

/// <summary>A stale object the plan does not delete, and why.</summary>
public sealed record KeptObject(string Key, string Reason);

/// <summary>
/// Everything one site deploy does, as data: uploads by phase, the CloudFront paths to invalidate, stale objects to
/// delete, stale objects kept (grace period) or refused (over the cap), and the state to write at the end
/// (<see cref="StateChanged"/> false: the bucket's state already says all of it, so a no-op deploy writes nothing).
/// </summary>
public sealed record SitePlan(
    string Bucket,
    IReadOnlyList<UploadPhase> Phases,
    IReadOnlyList<string> InvalidationPaths,
    IReadOnlyList<Deletion> Deletions,
    IReadOnlyList<KeptObject> Kept,
    IReadOnlyList<Deletion> RefusedDeletions,
    string? RefusalMessage,
    int Unchanged,
    DeployState NextState,
    bool StateChanged)
{
    public IEnumerable<Upload> Uploads => Phases.SelectMany(p => p.Uploads);

    public int UploadCount => Phases.Sum(p => p.Uploads.Count);

    public long UploadBytes => Phases.Sum(p => p.Bytes);

    public bool ChangesNothing => UploadCount == 0 && Deletions.Count == 0 && InvalidationPaths.Count == 0;

    /// <summary>The ETag of the state the plan was made from (null: none), the only state the sync may replace.</summary>
    public string? StateETag { get; init; }

    /// <summary>The version the bucket's state says is deployed (null: unknown), for <c>VersionOrder</c>.</summary>
    public string? DeployedVersion { get; init; }
}
