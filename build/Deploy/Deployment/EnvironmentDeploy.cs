using AwsAccess;
using Deploy.Artifacts;
using Deploy.Environments;
using Deploy.Functions;
using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>What the Deploy target hands over: the resolved environment, the packaged artifacts and the switches.</summary>
public sealed record DeployRequest(
    EnvironmentsFile File,
    string Environment,
    ArtifactManifest Manifest,
    string ArtifactsFolder,
    string SiteFolder,
    bool DryRun,
    bool Force,
    bool IsCI)
{
    /// <summary>How often to ask CloudFront whether the invalidation completed (it usually takes tens of seconds).</summary>
    public TimeSpan InvalidationPollInterval { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Wires a deploy from two identities: the build's own session writes the artifact stores, the deploy role's session
/// syncs the site, invalidates CloudFront and releases the functions. The Deploy target is a call to this.
/// </summary>
public static class EnvironmentDeploy
{
    public static async Task<DeployOutcome> RunAsync(DeployRequest request, AwsSession build, AwsSession deployRole, TextWriter output, CancellationToken cancellationToken)
    {
        var environment = request.File.Environments[request.Environment];
        // Routing fails here, for a region without a store, before anything is read or written.
        var placements = ArtifactPlacement.ForManifest(request.Manifest, request.ArtifactsFolder, new StoreRouting(request.File, request.Environment));
        var functions = FunctionArtifact.FromPlacements(environment, placements);

        using var store = new ArtifactStoreClient(build.CreateS3, build.CreateKms());
        using var release = new FunctionRelease(deployRole.CreateLambda);
        using var siteS3 = deployRole.CreateS3(environment.Site.Region);
        using var cloudFront = deployRole.CreateCloudFront();
        var site = new SiteDeploy(siteS3, new CloudFrontInvalidator(cloudFront, environment.Site.DistributionId, request.InvalidationPollInterval),
            SiteProgressFor.Console(request.IsCI), new SyncSettings { Force = request.Force });
        var description = $"{request.Manifest.Version} ({ShortCommit(request.Manifest.Commit)})";

        var deployer = new Deployer(new ArtifactStoreStep(store, placements), site, new FunctionReleaseStep(release, functions, description, pin: PinToStored(store, placements)), output);
        return await deployer.RunAsync(request.Environment, new SiteRelease(environment.Site.Bucket, request.SiteFolder, DeployId(request.Manifest.Version)), request.DryRun, cancellationToken);
    }

    /// <summary>Each function's package pinned to the object version its store holds after the uploads.</summary>
    static Func<IReadOnlyList<FunctionArtifact>, CancellationToken, Task<IReadOnlyList<FunctionArtifact>>> PinToStored(ArtifactStoreClient store, IReadOnlyList<ArtifactPlacement> placements) =>
        async (artifacts, cancellationToken) =>
        {
            var stored = await store.ReadExistingAsync(placements.Where(p => artifacts.Any(a => a.Code.Bucket == p.Destination.Bucket && a.Code.Key == p.Destination.Key)), cancellationToken);
            return artifacts.Select(a => a.PinnedTo(stored.GetValueOrDefault((a.Code.Bucket, a.Code.Key)))).ToList();
        };

    /// <summary>Unique per run: it is also CloudFront's CallerReference, which must differ for a redeploy of the same version.</summary>
    static string DeployId(string version) => $"{version}-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}";

    static string ShortCommit(string commit) => commit.Length > 7 ? commit[..7] : commit;
}
