using AwsAccess;
using Deploy.Artifacts;
using Deploy.Environments;
using Deploy.Functions;
using Deploy.Releases;
using Deploy.Reporting;
using Deploy.Site;

namespace Deploy.Deployment;

/// <summary>
/// What the deploy targets hand over: the resolved environment, the packaged artifacts and the switches. The site
/// deployed is the manifest's site.zip in <paramref name="ArtifactsFolder"/>, never a build folder.
/// </summary>
public sealed record DeployRequest(
    EnvironmentsFile File,
    string Environment,
    ArtifactManifest Manifest,
    string ArtifactsFolder,
    bool DryRun,
    bool Force,
    bool IsCI)
{
    /// <summary>How often to ask CloudFront whether the invalidation completed (it usually takes tens of seconds).</summary>
    public TimeSpan InvalidationPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What this run writes; null: everything the environment has (the site and every function).</summary>
    public DeployScope? Scope { get; init; }

    /// <summary>Release mode: make the new release live (false: --no-promote, or a preview branch in CI).</summary>
    public bool Promote { get; init; } = true;

    /// <summary>Release mode: where a release's preview is served (default https://r&lt;id&gt;.preview.&lt;domain&gt;/).</summary>
    public Func<int, string>? PreviewUrl { get; init; }

    /// <summary>How often to ask Lambda whether a function update finished (the local cloud: a moment).</summary>
    public TimeSpan FunctionPollInterval { get; init; } = new FunctionReleaseOptions().PollInterval;

    /// <summary>How long the site's deploy lock outlives a deploy that died on another machine (renewed every third of it while running).</summary>
    public TimeSpan LockLease { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Wires a deploy from two identities: the build's own session writes the artifact stores, the deploy role's session
/// syncs the site, invalidates CloudFront and releases the functions. Only what the scope names is read or written:
/// a run without the site never touches the site bucket or CloudFront, one without a function never calls Lambda.
/// The deploy targets share one instance per build: the first prepares (plans everything, checks every artifact
/// against manifest.json), each completes its part.
/// </summary>
public sealed class EnvironmentDeploy : IDisposable
{
    readonly DeployRequest request;
    readonly Deployer deployer;
    readonly IReadOnlyList<ArtifactPlacement> placements;
    readonly DeployEnvironment environment;
    readonly List<IDisposable> clients = [];
    readonly S3Connection? siteS3;
    readonly CloudFrontClient? cloudFront;
    DeployLock? siteLock;
    bool prepared;

    EnvironmentDeploy(DeployRequest request, AwsSession build, AwsSession deployRole, TextWriter output)
    {
        this.request = request;
        environment = request.File.Environments[request.Environment];
        Scope = request.Scope ?? DeployScope.Everything(environment);
        var selected = ArtifactSelection.Select(request.Manifest, Scope.Site, Scope.Functions, ManifestPath);
        // Routing fails here, for a region without a store, before anything is read or written.
        placements = ArtifactSelection.Place(selected, request.Manifest.Version, request.ArtifactsFolder, new StoreRouting(request.File, request.Environment));

        var store = Own(new ArtifactStoreClient(build.CreateS3, build.CreateKms()));
        SiteDeploy? site = null;
        ReleaseSiteStep? releases = null;
        if (Scope.Site && environment.SiteReleases.IsReleaseMode)
        {
            siteS3 = Own(deployRole.CreateS3(environment.Site.Region));
            var kvs = Own(deployRole.CreateKeyValueStore());
            var deploy = new ReleaseDeploy(siteS3, environment.Site.Bucket, new KeyValueStoreSwitch(kvs, environment.Site.KeyValueStoreArn!),
                SiteProgressFor.Console(request.IsCI), new SyncSettings { Force = request.Force });
            releases = new ReleaseSiteStep(deploy, new ReleaseSource(request.Manifest.Version, request.Manifest.Commit), request.Promote, environment.SiteReleases.Keep,
                request.PreviewUrl ?? (id => $"https://{ReleaseLayout.PreviewHost(id, environment.Site.Domain)}/"));
        }
        else if (Scope.Site)
        {
            siteS3 = Own(deployRole.CreateS3(environment.Site.Region));
            var cloudFront = this.cloudFront = Own(deployRole.CreateCloudFront());
            site = new SiteDeploy(siteS3, new CloudFrontInvalidator(cloudFront, environment.Site.DistributionId, request.InvalidationPollInterval),
                SiteProgressFor.Console(request.IsCI), new SyncSettings { Force = request.Force });
        }
        FunctionReleaseStep? functions = null;
        if (Scope.Functions.Count > 0)
        {
            var release = Own(new FunctionRelease(deployRole.CreateLambda, new FunctionReleaseOptions { PollInterval = request.FunctionPollInterval }));
            var inScope = FunctionArtifact.FromPlacements(environment, placements, Scope.Functions);
            functions = new FunctionReleaseStep(release, inScope, $"{request.Manifest.Version} ({ShortCommit(request.Manifest.Commit)})", pin: PinToStored(store, placements));
        }
        deployer = new Deployer(new ArtifactStoreStep(store, placements), site, functions, output, releases) { FailOnRefusedDeletes = request.IsCI };
    }

    public DeployScope Scope { get; }

    public DeployOutcome Outcome => deployer.Outcome;

    string ManifestPath => Path.Combine(request.ArtifactsFolder, ArtifactManifest.FileName);

    /// <summary>Routes the scope's artifacts (a missing one, or a region without a store, fails here); nothing is read yet.</summary>
    public static EnvironmentDeploy Open(DeployRequest request, AwsSession build, AwsSession deployRole, TextWriter output) =>
        new(request, build, deployRole, output);

    /// <summary>A whole deploy of the request's scope: prepare, then artifacts, site, functions.</summary>
    public static async Task<DeployOutcome> RunAsync(DeployRequest request, AwsSession build, AwsSession deployRole, TextWriter output, CancellationToken cancellationToken)
    {
        using var deploy = Open(request, build, deployRole, output);
        await deploy.PrepareAsync(cancellationToken);
        foreach (var part in Enum.GetValues<DeployPart>())
            await deploy.CompleteAsync(part, cancellationToken);
        deploy.ThrowIfDeletesRefused();
        return deploy.Outcome;
    }

    /// <summary>Checks every artifact of the scope against manifest.json and plans every part; reads only, once.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (prepared) return;
        prepared = true;
        await ArtifactSelection.VerifyAsync(placements, ManifestPath, cancellationToken);
        // Deployed is packaged: the site comes out of the zip just verified (and stored under this version).
        var siteZip = placements.FirstOrDefault(p => p.Artifact.Kind == ManifestArtifact.SiteKind);
        var site = siteZip is null ? null : Own(PackagedSite.Extract(siteZip.LocalPath));
        var version = request.Manifest.Version;
        var deployId = DeployId(version);
        // The distribution is first used after the uploads: one that does not exist (or may not be read) is found out before them.
        if (cloudFront is not null)
            await cloudFront.GetDistributionAsync(environment.Site.DistributionId, cancellationToken);
        // One deploy at a time: the lock comes before the listing the plan is made from (a dry run writes nothing, not even a lock).
        if (siteS3 is not null && !request.DryRun)
            siteLock = await SiteCallAsync("PutObject", DeployLock.Key, () =>
                DeployLock.AcquireAsync(siteS3.Client, siteS3.UseChunkEncoding, environment.Site.Bucket, deployId, version, request.LockLease, cancellationToken));
        await SiteCallAsync("ListObjectsV2", null, async () =>
        {
            await deployer.PrepareAsync(request.Environment, site is null ? null : new SiteRelease(environment.Site.Bucket, site.Folder, deployId) { Version = version },
                request.DryRun, cancellationToken);
            return true;
        });
        if (VersionOrder.Refusal(deployer.Outcome.SitePlan?.DeployedVersion, version, environment.Site.Bucket, request.Force) is { } refusal)
            throw new OlderVersionException(refusal);
    }

    /// <summary>
    /// The site bucket's first calls (the lock, the listing) with its failures in one line: an endpoint that does not answer
    /// names the service, call, URL and the variable that set it; S3's refusals name the call and the bucket. (The artifact
    /// store, Lambda and CloudFront map theirs in AwsAccess; what reaches here unmapped is the site's S3 client.)
    /// </summary>
    async Task<T> SiteCallAsync<T>(string operation, string? key, Func<Task<T>> call)
    {
        var target = new AwsCall("s3", operation, environment.Site.Region, key is null ? environment.Site.Bucket : $"{environment.Site.Bucket}/{key}");
        try
        {
            return await call();
        }
        catch (Amazon.S3.AmazonS3Exception error) when (error.StatusCode != 0)
        {
            throw AwsApiException.FromSdk(target, error);
        }
        catch (Exception error) when (siteS3 is not null && error is not AwsAccessException and not OperationCanceledException && EndpointUnreachable.IsConnectionFailure(error))
        {
            throw EndpointUnreachable.Exception(target, siteS3.Endpoint, error);
        }
    }

    /// <summary>Writes one part (the site and the functions store their artifacts first if that is still to do).</summary>
    public Task CompleteAsync(DeployPart part, CancellationToken cancellationToken) => deployer.CompleteAsync(part, cancellationToken);

    /// <summary>In CI, after the last part: refused stale deletes fail the run (see <see cref="Deployer.ThrowIfDeletesRefused"/>).</summary>
    public void ThrowIfDeletesRefused() => deployer.ThrowIfDeletesRefused();

    public void Dispose()
    {
        // The lock goes first (it needs the site's client); one that cannot be deleted frees itself when its lease ends.
        try
        {
            siteLock?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException) { }
        siteLock = null;
        foreach (var client in clients) client.Dispose();
        clients.Clear();
    }

    T Own<T>(T client) where T : IDisposable
    {
        clients.Add(client);
        return client;
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
