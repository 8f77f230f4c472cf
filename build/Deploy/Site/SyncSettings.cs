namespace Deploy.Site;

/// <summary>The knobs of a site sync. Defaults are what a deploy uses; tests and --force change them.</summary>
public sealed record SyncSettings
{
    public MultipartSettings Multipart { get; init; } = MultipartSettings.Default;

    /// <summary>Stale hashed assets stay this long after they left the site: pages open in browsers still load them.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// At most this many deletions per deploy without --force. Past it nothing is deleted: a wrong site folder
    /// (empty, or another project's) must not empty the bucket. 100 is far more than one content change removes.
    /// </summary>
    public int DeleteCap { get; init; } = 100;

    /// <summary>--force: delete past the cap.</summary>
    public bool Force { get; init; }

    public int UploadConcurrency { get; init; } = 16;

    public InvalidationLimits Invalidation { get; init; } = InvalidationLimits.Default;
}
