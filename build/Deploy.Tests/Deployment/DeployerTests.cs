using Amazon.S3.Model;
using Deploy.Deployment;
using Deploy.Site;
using Deploy.Tests.Site;

namespace Deploy.Tests.Deployment;

[Collection(S3rverCollection.Name)]
public sealed class DeployerTests(S3rverFixture s3rver) : IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("deployer-").FullName;
    readonly StepLog log = new();

    public void Dispose() => Directory.Delete(work, recursive: true);

    Deployer Deployer(TextWriter output)
    {
        var site = new LoggedSite(log);
        return new Deployer(new LoggedArtifacts(log), new SiteDeploy(s3rver.S3, site, site, new SyncSettings()), new LoggedFunctions(log), output);
    }

    string Build(GeneratedSite site, string name)
    {
        var folder = Path.Combine(work, name);
        site.WriteTo(folder);
        return folder;
    }

    [Fact]
    public async Task A_deploy_runs_artifacts_site_phases_invalidation_deletion_then_functions()
    {
        var bucket = await s3rver.CreateBucketAsync("order");
        await Deployer(TextWriter.Null).RunAsync("local", new SiteRelease(bucket, Build(new GeneratedSite(Pages: 3), "v1"), "d1"), dryRun: false);
        var first = log.Entries.Count;

        var outcome = await Deployer(TextWriter.Null).RunAsync("local", new SiteRelease(bucket, Build(new GeneratedSite(Pages: 2, Version: "v2", EditedPages: new HashSet<int> { 0 }), "v2"), "d2"), dryRun: false);

        Assert.Equal([
            "artifacts: plan", "functions: plan",
            "artifacts: publish",
            "site: phase 1", "site: phase 2", "site: phase 3", "site: phase 4",
            "site: invalidate and wait", "site: delete", "site: state",
            "functions: release",
        ], log.Entries.Skip(first));
        Assert.NotNull(outcome.Result);
        Assert.True(outcome.Result!.Deleted > 0);
    }

    [Fact]
    public async Task Refused_stale_deletes_warn_on_a_workstation_and_fail_the_deploy_in_ci()
    {
        var bucket = await s3rver.CreateBucketAsync("refused");
        await Deployer(TextWriter.Null).RunAsync("local", new SiteRelease(bucket, Build(new GeneratedSite(Pages: 9), "nine"), "d1"), dryRun: false);
        var fewer = Build(new GeneratedSite(Pages: 2, Version: "v2"), "two");

        var workstation = new StringWriter();
        var kept = await Deployer(workstation).RunAsync("local", new SiteRelease(bucket, fewer, "d2"), dryRun: false);
        Assert.Equal(0, kept.Result!.Deleted);
        Assert.Contains("warning: ", workstation.ToString());

        var site = new LoggedSite(log);
        var ci = new Deployer(new LoggedArtifacts(log), new SiteDeploy(s3rver.S3, site, site, new SyncSettings()), new LoggedFunctions(log), TextWriter.Null)
            { FailOnRefusedDeletes = true };
        await ci.RunAsync("local", new SiteRelease(bucket, fewer, "d3"), dryRun: false);
        var e = Assert.Throws<DeletesRefusedException>(ci.ThrowIfDeletesRefused);
        Assert.Matches(@"^Site deployed, but \d+ of the site's \d+ objects are stale, more than 25% of them \(cap \d+\), so none were deleted; fix: .*--force", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_and_writes_nothing()
    {
        var bucket = await s3rver.CreateBucketAsync("dryrun");
        var output = new StringWriter();

        var outcome = await Deployer(output).RunAsync("local", new SiteRelease(bucket, Build(new GeneratedSite(Pages: 3), "v1"), "d1"), dryRun: true);

        Assert.Null(outcome.Result);
        Assert.Equal(["artifacts: plan", "functions: plan"], log.Entries);
        Assert.Empty((await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
        var text = output.ToString();
        Assert.Contains("Dry run for environment 'local': nothing is written.", text);
        Assert.Contains($"Site s3://{bucket}: {outcome.SitePlan!.UploadCount} objects to upload", text);
        Assert.Contains("Functions: 1 to update, 0 unchanged", text);
    }
}
