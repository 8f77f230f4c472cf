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

    /// <summary>
    /// Nor more than this share of the objects the bucket holds (past <see cref="DeleteAllowance"/>): on a small site the
    /// fixed cap protects nothing, and a site folder holding only index.html would delete every page.
    /// </summary>
    public double DeleteShare { get; init; } = 0.25;

    /// <summary>Deletions always allowed under the share, so removing a page or two of a tiny site needs no --force.</summary>
    public int DeleteAllowance { get; init; } = 6;

    /// <summary>--force: delete past the cap.</summary>
    public bool Force { get; init; }

    public int UploadConcurrency { get; init; } = 16;

    public InvalidationLimits Invalidation { get; init; } = InvalidationLimits.Default;
}
