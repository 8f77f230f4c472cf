using Deploy.Site;

namespace Deploy.Releases;

/// <summary>What the deploy says about itself: the version and commit a release is built from.</summary>
public sealed record ReleaseSource(string Version, string Commit);

/// <summary>
/// Everything one release deploy writes, as data: the files this release stores (in the sync's phases, under its own
/// folder), the key value store entries of the paths it changes, its manifest and the next catalogue. A site identical
/// to the newest release plans no new release (<see cref="IsNew"/> false): the newest one is promoted, or previewed.
/// <see cref="ErrorPage"/>: the release's 404.html, written to the bucket's root when the release is promoted, since
/// CloudFront fetches a custom error response's page (/404.html) without running the viewer-request function.
/// </summary>
public sealed record ReleasePlan(
    int Id,
    bool IsNew,
    SitePlan Site,
    IReadOnlyList<UploadPhase> Phases,
    IReadOnlyDictionary<string, string> Histories,
    ReleaseManifest Manifest,
    ReleaseCatalogue Catalogue,
    Upload? ErrorPage = null)
{
    public int UploadCount => Phases.Sum(p => p.Uploads.Count);

    public long UploadBytes => Phases.Sum(p => p.Bytes);

    /// <summary>Paths the release stops serving (their entries say so); hashed assets in their grace period are not among them.</summary>
    public IReadOnlyList<Deletion> Dropped => Site.Deletions;
}
