using System.IO.Compression;
using Amazon.S3.Model;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Site;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;

namespace Deploy.Tests.Deployment;

[Collection(S3rverCollection.Name)]
public sealed class RollbackTests(S3rverFixture s3rver) : IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("rollback-").FullName;
    readonly StepLog log = new();

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>The local environment with stores renamed to fresh buckets, so tests sharing the server do not meet.</summary>
    async Task<EnvironmentsFile> FileWithFreshStoresAsync()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson);
        var regions = new Dictionary<string, StoreRegion>();
        foreach (var (region, store) in file.ArtifactStores["local"].Regions)
            regions[region] = store with { Bucket = await s3rver.CreateBucketAsync("store-" + region) };
        var stores = new Dictionary<string, ArtifactStore>(file.ArtifactStores) { ["local"] = file.ArtifactStores["local"] with { Regions = regions } };
        return file with { ArtifactStores = stores };
    }

    async Task PutZipAsync(string bucket, string key, string folder)
    {
        var zip = Path.Combine(work, Guid.NewGuid().ToString("N") + ".zip");
        ZipFile.CreateFromDirectory(folder, zip);
        await s3rver.S3.Client.PutObjectAsync(s3rver.S3.Prepare(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = zip }));
    }

    string Build(GeneratedSite site, string name)
    {
        var folder = Path.Combine(work, name);
        site.WriteTo(folder);
        return folder;
    }

    Rollback Rollback(EnvironmentsFile file, LoggedFunctionRollback functions)
    {
        var store = new StoredArtifacts(file, "local", _ => s3rver.S3.Client);
        return new Rollback(store, new SiteDeploy(s3rver.S3, new RecordingInvalidator(), new SilentProgress(), new SyncSettings()), functions, TextWriter.Null);
    }

    [Fact]
    public async Task Rollback_puts_the_stored_site_back_and_points_functions_at_their_stored_zips()
    {
        var file = await FileWithFreshStoresAsync();
        var stores = file.ArtifactStores["local"].Regions;
        var v1 = Build(new GeneratedSite(Pages: 3), "v1");
        await PutZipAsync(stores["eu-central-1"].Bucket, "jamstack/local/site/1.0.0/site-00aa11bb22cc33dd.zip", v1);
        var lambda = Path.Combine(work, "lambda");
        Directory.CreateDirectory(lambda);
        await File.WriteAllTextAsync(Path.Combine(lambda, "index.mjs"), "export const handler = async () => ({});");
        await PutZipAsync(stores["eu-central-1"].Bucket, "jamstack/local/contact-form/1.0.0/contact-form-0123456789abcdef.zip", lambda);
        await PutZipAsync(stores["eu-west-1"].Bucket, "jamstack/local/mail-forwarder/1.0.0/mail-forwarder-fedcba9876543210.zip", lambda);

        var siteBucket = await s3rver.CreateBucketAsync("rolled");
        var live = new SiteDeploy(s3rver.S3, new RecordingInvalidator(), new SilentProgress(), new SyncSettings());
        await live.ApplyAsync(await live.PlanAsync(siteBucket, Build(new GeneratedSite(Pages: 3, Version: "v2", EditedPages: new HashSet<int> { 1 }), "v2"), "v2"));

        var functions = new LoggedFunctionRollback(log);
        await Rollback(file, functions).RunAsync("1.0.0", siteBucket, ["contact-form", "mail-forwarder"], dryRun: false);

        using (var page = await s3rver.S3.Client.GetObjectAsync(siteBucket, "blog/post-1/index.html"))
        using (var reader = new StreamReader(page.ResponseStream))
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(v1, "blog/post-1/index.html")), await reader.ReadToEndAsync());
        Assert.Equal(["functions: roll back contact-form", "functions: roll back mail-forwarder"], log.Entries);
        Assert.Equal((stores["eu-central-1"].Bucket, "jamstack/local/contact-form/1.0.0/contact-form-0123456789abcdef.zip"), (functions.Zips[0].Bucket, functions.Zips[0].Key));
        Assert.Equal(("eu-west-1", stores["eu-west-1"].Bucket), (functions.Zips[1].Region, functions.Zips[1].Bucket));
    }

    [Fact]
    public async Task A_version_missing_from_the_store_is_refused_before_anything_is_written()
    {
        var file = await FileWithFreshStoresAsync();
        await PutZipAsync(file.ArtifactStores["local"].Regions["eu-central-1"].Bucket, "jamstack/local/site/2.0.0/site-00aa11bb22cc33dd.zip", Build(new GeneratedSite(Pages: 1), "v"));
        var siteBucket = await s3rver.CreateBucketAsync("untouched");

        var e = await Assert.ThrowsAsync<StoredArtifactException>(() =>
            Rollback(file, new LoggedFunctionRollback(log)).RunAsync("2.0.0", siteBucket, ["contact-form"], dryRun: false));

        Assert.StartsWith("no 'contact-form' artifact of version 2.0.0 in s3://", e.Message);
        Assert.Contains("fix: pick a version that was deployed (--version)", e.Message);
        Assert.Empty((await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = siteBucket })).S3Objects ?? []);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task A_rollback_of_a_part_needs_and_writes_only_that_part()
    {
        // 3.0.0 was deployed with DeployFunctions --function contact-form (no site zip), 4.0.0 with DeploySite (no function zip).
        var file = await FileWithFreshStoresAsync();
        var stores = file.ArtifactStores["local"].Regions;
        var lambda = Path.Combine(work, "lambda3");
        Directory.CreateDirectory(lambda);
        await File.WriteAllTextAsync(Path.Combine(lambda, "index.mjs"), "export const handler = async () => ({});");
        await PutZipAsync(stores["eu-central-1"].Bucket, "jamstack/local/contact-form/3.0.0/contact-form-0123456789abcdef.zip", lambda);
        var v4 = Build(new GeneratedSite(Pages: 2), "v4");
        await PutZipAsync(stores["eu-central-1"].Bucket, "jamstack/local/site/4.0.0/site-00aa11bb22cc33dd.zip", v4);
        var siteBucket = await s3rver.CreateBucketAsync("parts");

        var functions = new LoggedFunctionRollback(log);
        Assert.Null(await Rollback(file, functions).RunAsync("3.0.0", null, ["contact-form"], dryRun: false));
        Assert.Equal(["functions: roll back contact-form"], log.Entries);
        Assert.Empty((await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = siteBucket })).S3Objects ?? []);

        var plan = await Rollback(file, functions).RunAsync("4.0.0", siteBucket, [], dryRun: false);
        Assert.NotNull(plan);
        Assert.Equal(["functions: roll back contact-form"], log.Entries);
        Assert.NotEmpty((await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = siteBucket })).S3Objects ?? []);
    }
}
