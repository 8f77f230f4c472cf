using Amazon.Runtime;
using AwsAccess;
using Deploy.Artifacts;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;
using Xunit.Abstractions;

namespace Deploy.Tests.Deployment;

/// <summary>
/// `./build.sh Deploy` minus the targets: the local environment of infra/environments.json, deployed against the
/// local cloud with the build identity writing the stores and the assumed deploy role doing the rest. In place here;
/// Releases/EnvironmentReleaseDeployTests runs the same in release mode (a local cloud of its own).
/// </summary>
public class EnvironmentDeployTests(LocalCloudFixture cloud, ITestOutputHelper testOutput) : IClassFixture<LocalCloudFixture>, IDisposable
{
    protected virtual string Mode => SiteModes.InPlace;

    readonly string work = Directory.CreateTempSubdirectory("env-deploy-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    Task<(AwsSession Build, AwsSession DeployRole)> SessionsAsync(DeployEnvironment environment) =>
        LocalSessions.OpenAsync(cloud.Api, environment.DeployRole, "deploy-tests");

    Task<DeployRequest> PackageAsync(EnvironmentsFile file, string version, GeneratedSite site, byte[] video, bool dryRun) =>
        LocalPackages.PackageAsync(work, file, version, site, video, dryRun);

    [Fact]
    public async Task Deploys_the_local_environment_redeploys_nothing_then_rolls_back_a_newer_version()
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(Mode);
        var (build, deployRole) = await SessionsAsync(file.Environments["local"]);
        var video = new byte[9 * 1024 * 1024 + 17];
        new Random(42).NextBytes(video);
        var request = await PackageAsync(file, "0.1.0", new GeneratedSite(Pages: 3), video, dryRun: false);
        // Deployed is packaged: a site folder changed after Package is not what goes out; site.zip is.
        var builtPage = Path.Combine(work, "public-0.1.0", "blog/post-1/index.html");
        var packagedPage = await File.ReadAllTextAsync(builtPage);
        await File.WriteAllTextAsync(builtPage, "<p>edited after Package</p>");

        var output = new StringWriter();
        var first = await EnvironmentDeploy.RunAsync(request, build, deployRole, output, default);
        Assert.Equal(first.SitePlan!.UploadCount, first.Result!.Uploaded);
        Assert.Contains(first.SitePlan.Uploads, u => u.Key == "static/intro.mp4" && u.ETags.Multipart!.EndsWith("-2"));

        // The site endpoint serves what was deployed.
        using var http = new HttpClient();
        var page = await http.GetStringAsync(new Uri(cloud.Site, "/blog/post-1/"));
        Assert.Equal(packagedPage, page);

        // Rebuilt, same content: nothing to upload, no function to update, nothing to invalidate.
        var again = await PackageAsync(file, "0.1.0", new GeneratedSite(Pages: 3), video, dryRun: true);
        var dryOutput = new StringWriter();
        var plan = await EnvironmentDeploy.RunAsync(again, build, deployRole, dryOutput, default);
        Assert.Null(plan.Result);
        Assert.True(plan.SitePlan!.ChangesNothing, dryOutput.ToString());
        Assert.Contains("Artifacts: 0 to upload (0 B), 3 already stored", dryOutput.ToString());
        Assert.Contains("Functions: 0 to update, 2 unchanged", dryOutput.ToString());
        Assert.Contains("Invalidate: nothing", dryOutput.ToString());
    
        // A newer version with an edited page, then a rollback to the first: the stored 0.1.0 site is served again.
        var newer = await PackageAsync(file, "0.2.0", new GeneratedSite(Pages: 3, Version: "v2", EditedPages: new HashSet<int> { 1 }), video, dryRun: false);
        await EnvironmentDeploy.RunAsync(newer, build, deployRole, TextWriter.Null, default);
        Assert.Contains("Post 1, revised", await http.GetStringAsync(new Uri(cloud.Site, "/blog/post-1/")));

        var rolledBack = await EnvironmentRollback.RunAsync(new RollbackRequest(file, "local", "0.1.0", DryRun: false, IsCI: true)
            { InvalidationPollInterval = TimeSpan.FromMilliseconds(500) }, deployRole, TextWriter.Null, default);
        if (Mode == SiteModes.InPlace)
            Assert.Contains(rolledBack!.Uploads, u => u.Key == "blog/post-1/index.html");
        else
            Assert.Null(rolledBack); // the site went back by promoting release 1; nothing was synced
        Assert.Equal(page, await http.GetStringAsync(new Uri(cloud.Site, "/blog/post-1/")));
        // The functions serve 0.1.0's code again too: planning 0.1.0 finds nothing to update.
        var afterOutput = new StringWriter();
        var afterRollback = await EnvironmentDeploy.RunAsync(await PackageAsync(file, "0.1.0", new GeneratedSite(Pages: 3), video, dryRun: true), build, deployRole, afterOutput, default);
        // In place the bucket holds 0.1.0 again; in release mode a new release is planned against the newest one (0.2.0).
        if (Mode == SiteModes.InPlace)
            Assert.Equal(0, afterRollback.SitePlan!.UploadCount);
        else
            Assert.All(afterRollback.SitePlan!.Uploads, u => Assert.False(
                File.ReadAllBytes(Path.Combine(work, "public-0.2.0", u.Key)).SequenceEqual(File.ReadAllBytes(Path.Combine(work, "public-0.1.0", u.Key))), u.Key));
        Assert.Contains("Functions: 0 to update, 2 unchanged", afterOutput.ToString());

        // Minimal and sufficient: without any one Allow statement of the build role, the deploy role, the buckets and
        // the keys, some step above is refused (the refusal names the action, the resource and the fix).
        var (exitCode, table) = await cloud.RunScriptAsync("least-privilege.mjs", "--state-dir", cloud.StateDirectory, "--site-mode", Mode);
        testOutput.WriteLine(table);
        Assert.True(exitCode == 0, table);
        Assert.Matches(@"\| jamstack-deploy ListArtifacts \|[^\n]*\| s3 ListObjectsV2 on arn:aws:s3:::jamstack-artifacts-local-eu-\S+ \|", table);
        foreach (var refusal in table.Split('\n').Where(l => l.StartsWith("without ")))
            Assert.Matches(@"not authorized to perform: \S+:\S+ on resource: ""arn:aws:[^""]+"".*; fix: ", refusal);
    }
}
