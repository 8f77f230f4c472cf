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
        var local = await LocalSite.ReadAsync(siteFolder, settings.Multipart, cancellationToken: cancellationToken);
        var remote = await new RemoteSiteReader(s3, settings.UploadConcurrency).ReadAsync(bucket, local, cancellationToken);
        return SitePlanner.Plan(bucket, local, remote, settings, deployId, clock.GetUtcNow());
    }

    public Task<SyncResult> ApplyAsync(SitePlan plan, CancellationToken cancellationToken = default) =>
        new SiteSync(s3, useChunkEncoding, invalidator, progress, settings).ApplyAsync(plan, cancellationToken);
}
