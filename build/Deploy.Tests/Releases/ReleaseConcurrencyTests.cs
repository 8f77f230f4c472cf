using Amazon.S3.Model;
using AwsAccess;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Deployment;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;
using Xunit.Abstractions;

namespace Deploy.Tests.Releases;

/// <summary>
/// Release mode (the default) under the same rules as in place: two deploys started together, one takes the site's lock
/// and the other stops before any write (without it both would plan the same next release id and write into one
/// release folder); a superseded version is not promoted over the newer live release unless forced; a preview of an
/// older version replaces nothing and is allowed. A local cloud of its own: the shared one holds in-place deploys.
/// </summary>
public sealed class ReleaseConcurrencyTests(QuickLocalCloudFixture cloud, ITestOutputHelper testOutput) : IClassFixture<QuickLocalCloudFixture>, IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("release-concurrency-").FullName;
    readonly EnvironmentsFile file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(SiteModes.Release);
    DeployEnvironment Local => file.Environments["local"];

    public void Dispose() => Directory.Delete(work, recursive: true);

    Task<DeployRequest> PackageAsync(string version, bool force = false, bool promote = true) =>
        LocalPackages.PackageAsync(work, file, version, new GeneratedSite(Pages: 4, Version: version), video: null, dryRun: false)
            .ContinueWith(t => t.Result with { Force = force, Promote = promote });

    async Task<Exception?> TryDeployAsync(DeployRequest request, (AwsSession Build, AwsSession DeployRole) sessions)
    {
        try
        {
            await EnvironmentDeploy.RunAsync(request, sessions.Build, sessions.DeployRole, TextWriter.Null, default);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task Two_release_deploys_together_one_proceeds_and_an_older_version_is_not_promoted_over_a_newer_one()
    {
        var a = await LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "release-a");
        var b = await LocalSessions.OpenAsync(cloud.Api, Local.DeployRole, "release-b");
        var older = await PackageAsync("0.3.0");
        var newer = await PackageAsync("0.4.0");

        var errors = await Task.WhenAll(TryDeployAsync(older, a), TryDeployAsync(newer, b));
        testOutput.WriteLine(string.Join('\n', errors.Select(e => e?.Message ?? "proceeded")));
        Assert.Single(errors, e => e is null);
        var refusal = Assert.Single(errors, e => e is not null);
        Assert.IsType<DeployLockedException>(refusal);
        Assert.Matches(@"^another deploy \(version 0\.[34]\.0, .+\) holds s3://jamstack-site-local/_deploy/lock\.json since .*; fix: ", refusal!.Message);
        using var s3 = a.DeployRole.CreateS3(Local.Site.Region);
        Assert.Empty((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Local.Site.Bucket, Prefix = DeployLock.Key })).S3Objects ?? []);

        // 0.4.0 live: 0.3.0 is refused before any write; a preview of it replaces nothing and goes; --force promotes it.
        if (errors[1] is not null) await EnvironmentDeploy.RunAsync(newer, b.Build, b.DeployRole, TextWriter.Null, default);
        var superseded = await Assert.ThrowsAsync<OlderVersionException>(() => EnvironmentDeploy.RunAsync(older, a.Build, a.DeployRole, TextWriter.Null, default));
        Assert.StartsWith("s3://jamstack-site-local runs version 0.4.0, newer than 0.3.0 this deploy would write", superseded.Message);
        var preview = new StringWriter();
        await EnvironmentDeploy.RunAsync(await PackageAsync("0.3.0", promote: false), a.Build, a.DeployRole, preview, default);
        Assert.Contains("preview: ", preview.ToString());
        using var http = new HttpClient();
        string Page(string version) => File.ReadAllText(Path.Combine(work, "public-" + version, "blog/post-1/index.html")); // names that version's bundles
        Assert.NotEqual(Page("0.3.0"), Page("0.4.0"));
        Assert.Equal(Page("0.4.0"), await http.GetStringAsync(new Uri(cloud.Site, "/blog/post-1/")));
        await EnvironmentDeploy.RunAsync(await PackageAsync("0.3.0", force: true), a.Build, a.DeployRole, TextWriter.Null, default);
        Assert.Equal(Page("0.3.0"), await http.GetStringAsync(new Uri(cloud.Site, "/blog/post-1/")));
    }
}
