using Amazon.S3;
using AwsAccess;
using Deploy.Site;

namespace Deploy.Releases;

/// <summary>
/// A site deploy in release mode, end to end: read the built folder, the catalogue and the newest manifest (two GETs,
/// no bucket listing), plan; apply uploads the release and promotes it unless asked not to. Promote and rollback
/// are the same switch write of a retained release.
/// </summary>
public sealed class ReleaseDeploy(IAmazonS3 s3, bool useChunkEncoding, string bucket, IReleaseSwitch releaseSwitch, ISiteProgress progress, SyncSettings settings, TimeProvider? time = null)
{
    readonly TimeProvider clock = time ?? TimeProvider.System;
    readonly ReleaseBucket releases = new(s3, useChunkEncoding, bucket);

    public ReleaseDeploy(S3Connection s3, string bucket, IReleaseSwitch releaseSwitch, ISiteProgress progress, SyncSettings settings, TimeProvider? time = null)
        : this(s3.Client, s3.UseChunkEncoding, bucket, releaseSwitch, progress, settings, time) { }

    public async Task<ReleasePlan> PlanAsync(string siteFolder, ReleaseSource source, CancellationToken cancellationToken = default)
    {
        var local = await LocalSite.ReadAsync(siteFolder, settings.Multipart, cancellationToken: cancellationToken);
        var catalogue = await releases.ReadCatalogueAsync(cancellationToken);
        var newest = catalogue.Newest is { } n ? await releases.ReadManifestAsync(n.Id, cancellationToken) : null;
        return ReleasePlanner.Plan(bucket, local, catalogue, newest, source, settings, clock.GetUtcNow());
    }

    public Task<ReleaseResult> ApplyAsync(ReleasePlan plan, bool promote, int keep, CancellationToken cancellationToken = default) =>
        Sync.ApplyAsync(plan, releases, promote, keep, cancellationToken);

    /// <summary>Finds a retained release for Promote and Rollback (reads only: a wrong version is refused before any write).</summary>
    public async Task<ReleaseSummary> FindAsync(string idOrVersion, CancellationToken cancellationToken = default)
    {
        var catalogue = await releases.ReadCatalogueAsync(cancellationToken);
        return catalogue.Find(idOrVersion)
            ?? throw new ReleaseNotFoundException($"no retained release '{idOrVersion}' in '{bucket}' (retained: {Describe(catalogue)}); fix: pass one of those with --version (./build.sh Releases lists them)");
    }

    /// <summary>Makes a retained release live (Promote and Rollback): one switch write; no S3 write, no upload, no invalidation.</summary>
    public Task PromoteAsync(ReleaseSummary release, CancellationToken cancellationToken = default) =>
        releaseSwitch.PromoteAsync(release.Id, cancellationToken);

    /// <summary>The version of the live release (null: none live, or no longer in the catalogue).</summary>
    public async Task<string?> LiveVersionAsync(ReleaseCatalogue catalogue, CancellationToken cancellationToken = default) =>
        await releaseSwitch.LiveAsync(cancellationToken) is { } live ? catalogue.Releases.FirstOrDefault(r => r.Id == live.Id)?.Version : null;

    /// <summary>The retained releases, newest first, and the live one as the switch says (not as the catalogue remembers).</summary>
    public async Task<(IReadOnlyList<ReleaseSummary> Releases, LiveRelease? Live)> ListAsync(CancellationToken cancellationToken = default)
    {
        var catalogue = await releases.ReadCatalogueAsync(cancellationToken);
        return (catalogue.Releases.OrderByDescending(r => r.Id).ToList(), await releaseSwitch.LiveAsync(cancellationToken));
    }

    ReleaseSync Sync => new(s3, useChunkEncoding, releaseSwitch, progress, settings);

    static string Describe(ReleaseCatalogue catalogue) => catalogue.Releases.Count == 0 ? "none"
        : string.Join(", ", catalogue.Releases.OrderByDescending(r => r.Id).Select(r => $"r{r.Id} {r.Version}"));
}

public sealed class ReleaseNotFoundException(string message) : Exception(message);
