using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Artifacts;
using Deploy.Environments;
using StoreConfig = Deploy.Environments.ArtifactStore;
using Deploy.Tests.Site;

namespace Deploy.Tests.Artifacts;

/// <summary>Artifact stores against a real S3 server (s3rver): routing by region, SSE-KMS on every put, skip-identical, rollback lookup.</summary>
[Collection(S3rverCollection.Name)]
public sealed class ArtifactStoreTests(S3rverFixture s3rver) : IDisposable
{
    private const string Central = "eu-central-1";
    private const string West = "eu-west-1";
    private readonly ScratchFolder _scratch = new();
    private readonly ConcurrentBag<(string Region, PutObjectRequest Put, IDictionary<string, string> Headers)> _puts = [];
    private readonly RegionalKeys _kms = new();

    /// <summary>KMS stand-in: resolves the alias to a key ARN in the asked region (and applies the real region check).</summary>
    private sealed class RegionalKeys : IKmsKeys
    {
        public int Calls;
        public string? ForeignRegion { get; init; }

        public Task<string> ResolveKeyArnAsync(string region, string keyIdAliasOrArn, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var arn = $"arn:aws:kms:{ForeignRegion ?? region}:222222222222:key/{region}-artifacts";
            KmsKeyRegion.EnsureMatches(region, arn, keyIdAliasOrArn);
            return Task.FromResult(arn);
        }
    }

    private S3Connection Connect(string region)
    {
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = s3rver.Endpoint.ToString() });
        var connection = AwsSession.FromCredentials(new BasicAWSCredentials("S3RVER", "S3RVER"), region, new SessionOptions { Environment = environment }).CreateS3(region);
        ((AmazonS3Client)connection.Client).BeforeRequestEvent += (_, args) =>
        {
            if (args is WebServiceRequestEventArgs { Request: PutObjectRequest put } web) _puts.Add((region, put, new Dictionary<string, string>(web.Headers)));
        };
        return connection;
    }

    private async Task<(EnvironmentsFile File, string CentralBucket, string WestBucket)> EnvironmentsAsync()
    {
        var central = await s3rver.CreateBucketAsync("artifacts-central");
        var west = await s3rver.CreateBucketAsync("artifacts-west");
        var store = new StoreConfig("shared", new Dictionary<string, StoreRegion>
        {
            [Central] = new(central, "alias/jamstack-artifacts"),
            [West] = new(west, "alias/jamstack-artifacts"),
        });
        var functions = new Dictionary<string, FunctionTarget>
        {
            ["contact-form"] = new("jamstack-dev-contact-form", Central, "live", new Dictionary<string, string>()),
            ["mail-forwarder"] = new("jamstack-dev-mail-forwarder", West, "live", new Dictionary<string, string>()),
        };
        var dev = new DeployEnvironment("development", ["develop"], "arn:aws:iam::333333333333:role/jamstack-deploy", null, "shared",
            new SiteTarget(Central, "site", "E1", "dev.example.com"), functions);
        var file = new EnvironmentsFile("jamstack", Central, new Dictionary<string, Account> { ["development"] = new("333333333333", null) },
            new Dictionary<string, StoreConfig> { ["shared"] = store }, new Dictionary<string, DeployEnvironment> { ["dev"] = dev });
        return (file, central, west);
    }

    private async Task<ArtifactManifest> PackageAsync(string version, string siteContent = "site")
    {
        var folder = _scratch.Path("artifacts-" + version);
        Directory.CreateDirectory(folder);
        var artifacts = new List<ManifestArtifact>();
        foreach (var (name, kind, content) in new[] { ("site", "site", siteContent), ("contact-form", "function", "form"), ("mail-forwarder", "function", "mail") })
        {
            File.WriteAllText(Path.Combine(folder, name + ".zip"), $"{content}-{new string('x', 5000)}");
            artifacts.Add(await ManifestArtifact.OfFileAsync(name, kind, folder, name + ".zip", CancellationToken.None));
        }
        return new ArtifactManifest(version, version, "abc1234", "develop", artifacts);
    }

    private IReadOnlyList<ArtifactPlacement> Place(ArtifactManifest manifest, EnvironmentsFile file) =>
        ArtifactPlacement.ForManifest(manifest, _scratch.Path("artifacts-" + manifest.Version), new StoreRouting(file, "dev"));

    [Fact]
    public async Task Each_zip_goes_to_its_regions_store_encrypted_with_that_regions_key_and_reads_back_identical()
    {
        var (file, central, west) = await EnvironmentsAsync();
        var manifest = await PackageAsync("1.0.0");
        var placements = Place(manifest, file);
        using var store = new ArtifactStoreClient(Connect, _kms);
        var plan = await store.PlanAsync(placements, CancellationToken.None);
        Assert.Equal(3, plan.Uploads.Count);
        await store.ApplyAsync(plan, null, CancellationToken.None);

        Assert.Equal(new[] { ("contact-form", central), ("mail-forwarder", west), ("site", central) },
            placements.Select(p => (p.Artifact.Name, p.Destination.Bucket)).OrderBy(p => p.Name));
        Assert.Equal(3, _puts.Count);
        Assert.All(_puts, put =>
        {
            Assert.Equal(ServerSideEncryptionMethod.AWSKMS, put.Put.ServerSideEncryptionMethod);
            Assert.Equal("aws:kms", put.Headers["x-amz-server-side-encryption"]);
            Assert.Equal($"arn:aws:kms:{put.Region}:222222222222:key/{put.Region}-artifacts", put.Headers["x-amz-server-side-encryption-aws-kms-key-id"]);
            Assert.Equal(put.Put.BucketName == west ? West : Central, put.Region);
        });
        Assert.Equal(2, _kms.Calls); // one resolution per region, not per object

        foreach (var placement in placements)
        {
            using var s3 = Connect(placement.Destination.Region);
            using var stored = await s3.Client.GetObjectAsync(placement.Destination.Bucket, placement.Destination.Key);
            using var body = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(body);
            Assert.Equal(File.ReadAllBytes(placement.LocalPath), body.ToArray()); // no aws-chunked framing stored
            Assert.Equal(placement.Artifact.Sha256, stored.Metadata["sha256"]);
        }
    }

    [Fact]
    public async Task Identical_artifacts_are_not_uploaded_again_and_a_changed_one_is()
    {
        var (file, _, _) = await EnvironmentsAsync();
        using var store = new ArtifactStoreClient(Connect, _kms);
        var first = Place(await PackageAsync("2.0.0"), file);
        await store.ApplyAsync(await store.PlanAsync(first, CancellationToken.None), null, CancellationToken.None);
        _puts.Clear();

        var again = await store.PlanAsync(first, CancellationToken.None);
        Assert.Empty(again.Uploads);
        Assert.Equal(3, again.Skipped.Count);
        await store.ApplyAsync(again, null, CancellationToken.None);
        Assert.Empty(_puts);

        var rebuilt = Place(await PackageAsync("2.0.0-b", siteContent: "changed site"), file);
        var plan = await store.PlanAsync(rebuilt, CancellationToken.None);
        Assert.Equal(3, plan.Uploads.Count); // a new version is a new key for every artifact ...
        var sameVersion = Place((await PackageAsync("2.0.0", siteContent: "changed site")), file);
        var changedOnly = await store.PlanAsync(sameVersion, CancellationToken.None);
        Assert.Equal(["site"], changedOnly.Uploads.Select(s => s.Placement.Artifact.Name)); // ... the same version re-uploads only what changed
    }

    [Fact]
    public async Task A_key_from_another_region_fails_before_anything_is_written()
    {
        var (file, central, west) = await EnvironmentsAsync();
        using var store = new ArtifactStoreClient(Connect, new RegionalKeys { ForeignRegion = "us-east-1" });
        var placements = Place(await PackageAsync("3.0.0"), file);
        var error = await Assert.ThrowsAsync<AwsAccessException>(async () => await store.ApplyAsync(await store.PlanAsync(placements, CancellationToken.None), null, CancellationToken.None));
        Assert.Contains("us-east-1", error.Message);
        Assert.Empty(_puts);
        using var s3 = Connect(Central);
        Assert.Empty((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = central })).S3Objects ?? []);
        Assert.Empty((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = west })).S3Objects ?? []);
    }

    [Fact]
    public async Task A_missing_bucket_is_a_one_line_error_naming_it()
    {
        var (file, _, _) = await EnvironmentsAsync();
        var missing = file with
        {
            ArtifactStores = new Dictionary<string, StoreConfig>
            {
                ["shared"] = new("shared", new Dictionary<string, StoreRegion> { [Central] = new("no-such-bucket-here", "alias/k"), [West] = new("no-such-bucket-west", "alias/k") }),
            },
        };
        using var store = new ArtifactStoreClient(Connect, _kms);
        var error = await Assert.ThrowsAsync<AwsApiException>(async () => await store.PlanAsync(Place(await PackageAsync("4.0.0"), missing), CancellationToken.None));
        Assert.Equal("NoSuchBucket", error.Code);
        Assert.StartsWith("S3 bucket no-such-bucket", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Rollback_finds_a_previous_versions_artifact_with_its_hashes()
    {
        var (file, central, _) = await EnvironmentsAsync();
        using var store = new ArtifactStoreClient(Connect, _kms);
        var old = await PackageAsync("5.0.0", siteContent: "old site");
        await store.ApplyAsync(await store.PlanAsync(Place(old, file), CancellationToken.None), null, CancellationToken.None);
        await store.ApplyAsync(await store.PlanAsync(Place(await PackageAsync("5.1.0"), file), CancellationToken.None), null, CancellationToken.None);

        var found = await store.FindVersionAsync(Central, central, ArtifactKeys.VersionPrefix("jamstack", "dev", "site", "5.0.0"), CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(old.Find("site")!.Sha256, found.Sha256);
        Assert.Equal(old.Find("site")!.CodeSha256, found.CodeSha256);
        Assert.StartsWith("jamstack/dev/site/5.0.0/", found.Key);
        Assert.Null(await store.FindVersionAsync(Central, central, ArtifactKeys.VersionPrefix("jamstack", "dev", "site", "0.0.1"), CancellationToken.None));
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_store_endpoint_that_refuses_connections_is_named_with_the_call_and_its_variable()
    {
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:1" });
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("AKIA1", "s"), Central,
            new SessionOptions { Environment = environment, Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) } });
        using var store = new ArtifactStoreClient(session.CreateS3, _kms);

        var error = await Assert.ThrowsAsync<AwsAccessException>(() => store.FindVersionAsync(Central, "jamstack-artifacts", "1.0.0/", default));

        Assert.StartsWith("Cannot reach s3 at http://127.0.0.1:1/ for ListObjectsV2 in eu-central-1 (", error.Message);
        Assert.EndsWith("AWS_ENDPOINT_URL_S3 set this endpoint: start what should answer there, or fix or unset AWS_ENDPOINT_URL_S3.", error.Message);
    }
}
