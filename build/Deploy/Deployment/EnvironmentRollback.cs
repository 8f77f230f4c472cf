using AwsAccess;
using Deploy.Artifacts;
using Deploy.Environments;
using Deploy.Functions;
using Deploy.Releases;
using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>What the Rollback target hands over.</summary>
public sealed record RollbackRequest(EnvironmentsFile File, string Environment, string Version, bool DryRun, bool IsCI)
{
    public TimeSpan InvalidationPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What is put back; null: the site and every function (--site-only and --function narrow it, as for Deploy).</summary>
    public DeployScope? Scope { get; init; }
}

/// <summary>
/// Wires a rollback under the deploy role: it reads the stores (GetObject + kms:Decrypt, as a deploy does),
/// syncs the stored site and points the functions back. The Rollback target is a call to this.
/// </summary>
public static class EnvironmentRollback
{
    public static async Task<SitePlan?> RunAsync(RollbackRequest request, AwsSession deployRole, TextWriter output, CancellationToken cancellationToken)
    {
        var environment = request.File.Environments[request.Environment];
        var connections = new Dictionary<string, S3Connection>(StringComparer.Ordinal);
        S3Connection S3(string region) => connections.TryGetValue(region, out var c) ? c : connections[region] = deployRole.CreateS3(region);
        try
        {
            using var store = new ArtifactStoreClient(deployRole.CreateS3, deployRole.CreateKms());
            using var release = new FunctionRelease(deployRole.CreateLambda);
            using var cloudFront = deployRole.CreateCloudFront();
            var siteS3 = S3(environment.Site.Region);
            var site = new SiteDeploy(siteS3, new CloudFrontInvalidator(cloudFront, environment.Site.DistributionId, request.InvalidationPollInterval),
                SiteProgressFor.Console(request.IsCI), new SyncSettings());
            var rollback = new Rollback(new StoredArtifacts(request.File, request.Environment, region => S3(region).Client), site,
                new StoredFunctionRollback(environment, store, release, $"rollback to {request.Version}"), output);
            var scope = request.Scope ?? DeployScope.Everything(environment);
            if (scope.Site && environment.SiteReleases.IsReleaseMode)
            {
                await PromoteAsync(environment, siteS3, request, deployRole, output, cancellationToken);
                scope = scope with { Site = false };
                if (scope.IsEmpty) return null;
            }
            // An in-place rollback writes the site as a deploy does: under the same lock (DeployLock).
            await using var siteLock = scope.Site && !request.DryRun
                ? await DeployLock.AcquireAsync(siteS3.Client, siteS3.UseChunkEncoding, environment.Site.Bucket, $"rollback-{request.Version}", request.Version, TimeSpan.FromMinutes(5), cancellationToken)
                : null;
            return await rollback.RunAsync(request.Version, scope.Site ? environment.Site.Bucket : null, scope.Functions, request.DryRun, cancellationToken);
        }
        finally
        {
            foreach (var connection in connections.Values) connection.Dispose();
        }
    }

    /// <summary>Release mode: the site goes back by promoting the retained release of that version (or id): one switch write, no S3 write, no invalidation.</summary>
    static async Task PromoteAsync(DeployEnvironment environment, S3Connection s3, RollbackRequest request, AwsSession deployRole, TextWriter output, CancellationToken cancellationToken)
    {
        using var kvs = deployRole.CreateKeyValueStore();
        var releases = new ReleaseDeploy(s3, environment.Site.Bucket, new KeyValueStoreSwitch(kvs, environment.Site.KeyValueStoreArn!), new SilentProgress(), new SyncSettings());
        var release = await releases.FindAsync(request.Version, cancellationToken);
        if (!request.DryRun) await releases.PromoteAsync(release, cancellationToken);
        output.WriteLine($"site: {(request.DryRun ? "would make" : "made")} r{release.Id} ({release.Version}) live: one switch write, no upload, no invalidation");
    }
}
