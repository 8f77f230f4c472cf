using Amazon.S3;
using AwsAccess;

namespace Deploy.Site;

/// <summary>
/// One site deploy end to end: read the built folder and the bucket, plan, and (unless it is a dry run) apply.
/// The two halves are separate so --dry-run shares every step up to the plan.
/// </summary>
public sealed class SiteDeploy(IAmazonS3 s3, bool useChunkEncoding, ISiteInvalidator invalidator, ISiteProgress progress, SyncSettings settings, TimeProvider? time = null)
{
    readonly TimeProvider clock = time ?? TimeProvider.System;

    public SiteDeploy(S3Connection s3, ISiteInvalidator invalidator, ISiteProgress progress, SyncSettings settings, TimeProvider? time = null)
        : this(s3.Client, s3.UseChunkEncoding, invalidator, progress, settings, time) { }

    public async Task<SitePlan> PlanAsync(string bucket, string siteFolder, string deployId, CancellationToken cancellationToken = default)
    {
        var reader = new RemoteSiteReader(s3, settings.UploadConcurrency);
        // The folder is read before the first await, so a missing one fails before any request is sent.
        var hashing = LocalSite.ReadAsync(siteFolder, settings.Multipart, cancellationToken: cancellationToken);
        if (hashing.IsFaulted) await hashing;
        // Listing the bucket needs nothing from the local files: it runs while they are hashed (network beside disk and CPU).
        var listing = reader.ListAsync(bucket, cancellationToken);
        await Task.WhenAll(hashing, listing);
        var local = await hashing;
        var remote = await reader.CompleteAsync(bucket, await listing, local, cancellationToken);
        return SitePlanner.Plan(bucket, local, remote, settings, deployId, clock.GetUtcNow());
    }

    public Task<SyncResult> ApplyAsync(SitePlan plan, CancellationToken cancellationToken = default) =>
        new SiteSync(s3, useChunkEncoding, invalidator, progress, settings).ApplyAsync(plan, cancellationToken);
}
