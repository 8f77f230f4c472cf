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

    /// <param name="version">The version the site is deployed as, recorded in the state (null: none recorded).</param>
    public async Task<SitePlan> PlanAsync(string bucket, string siteFolder, string deployId, CancellationToken cancellationToken = default, string? version = null)
    {
        var local = await LocalSite.ReadAsync(siteFolder, settings.Multipart, cancellationToken: cancellationToken);
        var remote = await new RemoteSiteReader(s3, settings.UploadConcurrency).ReadAsync(bucket, local, cancellationToken);
        var plan = SitePlanner.Plan(bucket, local, remote, settings, deployId, clock.GetUtcNow());
        return plan with
        {
            NextState = plan.NextState with { Version = version },
            StateChanged = plan.StateChanged || (version is not null && remote.State?.Version != version),
            StateETag = remote.StateETag,
            DeployedVersion = remote.State?.Version,
        };
    }

    public Task<SyncResult> ApplyAsync(SitePlan plan, CancellationToken cancellationToken = default) =>
        new SiteSync(s3, useChunkEncoding, invalidator, progress, settings).ApplyAsync(plan, cancellationToken);
}
