using System.IO.Compression;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Functions;
using Deploy.Site;
using Deploy.Tests.Functions;
using Deploy.Tests.Site;
using StoreConfig = Deploy.Environments.ArtifactStore;
using EnvironmentSite = Deploy.Environments.SiteTarget;

namespace Deploy.Tests.Deployment;

/// <summary>
/// The whole deploy with the real pieces: artifact stores and site bucket on s3rver, functions on the Lambda wire
/// format (FakeLambda), the real ArtifactStoreClient, FunctionRelease and site sync. Only CloudFront is recorded.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class DeployAndRollbackTests(S3rverFixture s3rver) : IDisposable
{
    const string Central = "eu-central-1";
    const string West = "eu-west-1";
    readonly string work = Directory.CreateTempSubdirectory("deploy-e2e-").FullName;
    readonly FakeLambda lambda = new((bucket, key) => ReadAsync(s3rver, bucket, key));
    readonly RecordingInvalidator cdn = new();

    public void Dispose()
    {
        lambda.Dispose();
        Directory.Delete(work, recursive: true);
    }

    static async Task<byte[]?> ReadAsync(S3rverFixture s3rver, string bucket, string key)
    {
        try
        {
            using var response = await s3rver.S3.Client.GetObjectAsync(bucket, key);
            using var bytes = new MemoryStream();
            await response.ResponseStream.CopyToAsync(bytes);
            return bytes.ToArray();
        }
        catch (AmazonS3Exception) { return null; }
    }

    sealed class RegionalKeys : IKmsKeys
    {
        public Task<string> ResolveKeyArnAsync(string region, string keyIdAliasOrArn, CancellationToken cancellationToken) =>
            Task.FromResult($"arn:aws:kms:{region}:222222222222:key/{region}-artifacts");
    }

    async Task<(EnvironmentsFile File, DeployEnvironment Environment)> EnvironmentAsync()
    {
        var store = new StoreConfig("shared", new Dictionary<string, StoreRegion>
        {
            [Central] = new(await s3rver.CreateBucketAsync("store-central"), "alias/jamstack-artifacts"),
            [West] = new(await s3rver.CreateBucketAsync("store-west"), "alias/jamstack-artifacts"),
        });
        var functions = new Dictionary<string, FunctionTarget>
        {
            ["contact-form"] = new("jamstack-dev-contact-form", Central, "live", new Dictionary<string, string>()),
            ["mail-forwarder"] = new("jamstack-dev-mail-forwarder", West, "live", new Dictionary<string, string>()),
        };
        var dev = new DeployEnvironment("development", ["develop"], "arn:aws:iam::333333333333:role/jamstack-deploy", null, "shared",
            new EnvironmentSite(Central, await s3rver.CreateBucketAsync("site"), "E1DEVEXAMPLE00", "dev.example.com"), functions);
        var file = new EnvironmentsFile("jamstack", Central, new Dictionary<string, Account> { ["development"] = new("333333333333", null) },
            new Dictionary<string, StoreConfig> { ["shared"] = store }, new Dictionary<string, DeployEnvironment> { ["dev"] = dev });
        return (file, dev);
    }

    /// <summary>What ./build.sh Package leaves: the built site folder, site.zip, two function zips and manifest.json.</summary>
    async Task<(ArtifactManifest Manifest, string Artifacts, string SiteFolder)> PackageAsync(string version, GeneratedSite site, string functionCode)
    {
        var artifacts = Path.Combine(work, "artifacts-" + version);
        var siteFolder = Path.Combine(work, "public-" + version);
        Directory.CreateDirectory(artifacts);
        site.WriteTo(siteFolder);
        ZipFile.CreateFromDirectory(siteFolder, Path.Combine(artifacts, "site.zip"));
        var entries = new List<ManifestArtifact> { await ManifestArtifact.OfFileAsync("site", "site", artifacts, "site.zip", default) };
        foreach (var name in new[] { "contact-form", "mail-forwarder" })
        {
            await File.WriteAllTextAsync(Path.Combine(artifacts, name + ".zip"), $"{name} {functionCode}");
            entries.Add(await ManifestArtifact.OfFileAsync(name, "function", artifacts, name + ".zip", default));
        }
        return (new ArtifactManifest(version, version, "abc1234", "develop", entries), artifacts, siteFolder);
    }

    S3Connection S3(string region)
    {
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = s3rver.Endpoint.ToString() });
        return AwsSession.FromCredentials(new BasicAWSCredentials("S3RVER", "S3RVER"), region, new SessionOptions { Environment = environment }).CreateS3(region);
    }

    FunctionRelease Release()
    {
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_LAMBDA"] = lambda.Url.ToString() });
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("AKIADEPLOYROLE", "secret"), Central, new SessionOptions { Environment = environment });
        return new FunctionRelease(session.CreateLambda, new FunctionReleaseOptions { PollInterval = TimeSpan.FromMilliseconds(10), UpdateTimeout = TimeSpan.FromSeconds(5) });
    }

    async Task<DeployOutcome> DeployAsync(EnvironmentsFile file, DeployEnvironment env, (ArtifactManifest Manifest, string Artifacts, string SiteFolder) package, bool dryRun, TextWriter output)
    {
        var placements = ArtifactPlacement.ForManifest(package.Manifest, package.Artifacts, new StoreRouting(file, "dev"));
        using var store = new ArtifactStoreClient(S3, new RegionalKeys());
        using var release = Release();
        var deployer = new Deployer(
            new ArtifactStoreStep(store, placements),
            new SiteDeploy(s3rver.S3, cdn, new SilentProgress(), new SyncSettings()),
            new FunctionReleaseStep(release, FunctionArtifact.FromPlacements(env, placements), package.Manifest.Version),
            output);
        return await deployer.RunAsync("dev", new SiteRelease(env.Site.Bucket, package.SiteFolder, package.Manifest.Version), dryRun);
    }

    async Task<string?> LiveCodeAsync(DeployEnvironment env, string function)
    {
        using var release = Release();
        var target = env.Functions[function];
        var live = await release.ReadDeployedAsync(new FunctionArtifact(function, target, "", new S3CodeLocation("b", "k")), default);
        return live.AliasCodeSha256;
    }

    async Task<string> PageAsync(string bucket, string key)
    {
        using var response = await s3rver.S3.Client.GetObjectAsync(bucket, key);
        return await new StreamReader(response.ResponseStream).ReadToEndAsync();
    }

    [Fact]
    public async Task Deploy_two_versions_then_roll_back_to_the_first()
    {
        var (file, env) = await EnvironmentAsync();
        lambda.Add(Central, "jamstack-dev-contact-form", "initial");
        lambda.Add(West, "jamstack-dev-mail-forwarder", "initial");
        var v1 = await PackageAsync("1.0.0", new GeneratedSite(Pages: 3), "v1");
        var v2 = await PackageAsync("1.1.0", new GeneratedSite(Pages: 3, Version: "v2", EditedPages: new HashSet<int> { 1 }), "v2");

        await DeployAsync(file, env, v1, dryRun: false, TextWriter.Null);
        Assert.Equal(v1.Manifest.Find("contact-form")!.CodeSha256, await LiveCodeAsync(env, "contact-form"));
        Assert.Equal(v1.Manifest.Find("mail-forwarder")!.CodeSha256, await LiveCodeAsync(env, "mail-forwarder"));

        // A dry run of v2 reports and writes nothing.
        var dryOutput = new StringWriter();
        var callsBefore = lambda.Calls.Count(c => !c.StartsWith("GET"));
        var dry = await DeployAsync(file, env, v2, dryRun: true, dryOutput);
        Assert.Null(dry.Result);
        Assert.Contains("Artifacts: 3 to upload", dryOutput.ToString());
        Assert.Contains("Functions: 2 to update, 0 unchanged", dryOutput.ToString());
        Assert.Equal(callsBefore, lambda.Calls.Count(c => !c.StartsWith("GET")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(v1.SiteFolder, "blog/post-1/index.html")), await PageAsync(env.Site.Bucket, "blog/post-1/index.html"));

        await DeployAsync(file, env, v2, dryRun: false, TextWriter.Null);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(v2.SiteFolder, "blog/post-1/index.html")), await PageAsync(env.Site.Bucket, "blog/post-1/index.html"));
        Assert.Equal(v2.Manifest.Find("mail-forwarder")!.CodeSha256, await LiveCodeAsync(env, "mail-forwarder"));

        // A second deploy of the same version: nothing uploaded, no function updated.
        var again = await DeployAsync(file, env, v2, dryRun: false, TextWriter.Null);
        Assert.Equal(0, again.Result!.Uploaded);

        using var store = new ArtifactStoreClient(S3, new RegionalKeys());
        using var release = Release();
        var rollback = new Rollback(new StoredArtifacts(file, "dev", region => s3rver.S3.Client),
            new SiteDeploy(s3rver.S3, cdn, new SilentProgress(), new SyncSettings()),
            new StoredFunctionRollback(env, store, release, "rollback to 1.0.0"), TextWriter.Null);
        await rollback.RunAsync("1.0.0", env.Site.Bucket, env.Functions.Keys, dryRun: false);

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(v1.SiteFolder, "blog/post-1/index.html")), await PageAsync(env.Site.Bucket, "blog/post-1/index.html"));
        Assert.Equal(v1.Manifest.Find("contact-form")!.CodeSha256, await LiveCodeAsync(env, "contact-form"));
        Assert.Equal(v1.Manifest.Find("mail-forwarder")!.CodeSha256, await LiveCodeAsync(env, "mail-forwarder"));
    }
}
