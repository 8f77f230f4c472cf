using System.Diagnostics;
using Amazon.S3.Model;
using Deploy.Deployment;
using Deploy.Environments;
using Deploy.Tests.Deployment;
using Deploy.Tests.Environments;
using Deploy.Tests.Site;
using Xunit.Abstractions;

namespace Deploy.Tests.Crashes;

/// <summary>
/// A deploy SIGKILLed at seeded points spread over every phase: the fault proxy holds the k-th request of a phase (before
/// or after the cloud saw it) and the test kills the deploy's process right then. After each kill the site the local
/// edge serves is complete, and the next deploy converges and then finds nothing to do. Each deploy changes every phase:
/// new versions (artifacts), bundles, other files, page data, every page, a stale file to delete, both functions.
/// DEPLOY_CRASH_KILLS=N runs N kills (default: each point below once) on a larger site. In place: its phases are the
/// ones a visitor could see half done; in release mode nothing is visible before the one switch write.
/// </summary>
[Collection(SharedLocalCloud.Name)]
public sealed class CrashTests(QuickLocalCloudFixture cloud, ITestOutputHelper output) : IDisposable
{
    /// <summary>What a deploy must change for a phase to have requests: the site, the functions, or only the version (artifacts, state).</summary>
    enum Change { Version, Site, Functions }

    /// <summary>A phase of the deploy, the requests that belong to it ("service METHOD url"), how many of them a deploy here makes at least, and what must change for it.</summary>
    sealed record Point(string Phase, string Match, int AtMost, Change Needs);

    const string Site = "jamstack-site-local";
    const string Function = "/2015-03-31/functions/[^/?]+";

    static readonly Point[] Points =
    [
        new("sessions", "^sts POST /", 1, Change.Version),
        new("lock", $"^s3 PUT /{Site}/_deploy/lock\\.json", 1, Change.Version),
        new("site listing", $"^s3 GET /{Site}/?\\?", 1, Change.Version),
        new("artifacts", "^s3 PUT /jamstack-artifacts-local-", 3, Change.Version),
        new("hashed assets", $"^s3 PUT /{Site}/(app-|styles\\.)", 2, Change.Site),
        new("hashed assets", $"^s3 PUT /{Site}/(app-|styles\\.)", 2, Change.Site),
        new("other files", $"^s3 PUT /{Site}/(robots\\.txt|sitemap-0\\.xml|only-)", 3, Change.Site),
        new("page data", $"^s3 PUT /{Site}/page-data/", 2, Change.Site),
        new("page data", $"^s3 PUT /{Site}/page-data/", 2, Change.Site),
        new("html", $"^s3 PUT /{Site}/.*\\.html", 3, Change.Site),
        new("html", $"^s3 PUT /{Site}/.*\\.html", 3, Change.Site),
        new("invalidation", "^cloudfront POST /2020-05-31/distribution/[^/]+/invalidation$", 1, Change.Site),
        new("invalidation wait", "^cloudfront GET /2020-05-31/distribution/[^/]+/invalidation/", 1, Change.Site),
        new("stale deletes", $"^s3 POST /{Site}/?\\?delete", 1, Change.Site),
        new("stale deletes", $"^s3 POST /{Site}/?\\?delete", 1, Change.Site),
        new("state write", $"^s3 PUT /{Site}/_deploy/state\\.json", 1, Change.Version),
        new("state write", $"^s3 PUT /{Site}/_deploy/state\\.json", 1, Change.Version),
        new("function code", $"^lambda PUT {Function}/code$", 2, Change.Functions),
        new("function code", $"^lambda PUT {Function}/code$", 2, Change.Functions),
        new("function wait", $"^lambda GET {Function}/configuration$", 4, Change.Functions),
        new("function version", $"^lambda POST {Function}/versions$", 2, Change.Functions),
        new("function version", $"^lambda POST {Function}/versions$", 2, Change.Functions),
        new("function alias", $"^lambda PUT {Function}/aliases/", 2, Change.Functions),
        new("function alias", $"^lambda PUT {Function}/aliases/", 2, Change.Functions),
        new("lock release", $"^s3 DELETE /{Site}/_deploy/lock\\.json", 1, Change.Version),
    ];

    readonly string work = Directory.CreateTempSubdirectory("crash-deploy-").FullName;
    readonly EnvironmentsFile file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(SiteModes.InPlace);

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>
    /// Version 5.0.n of site revision <paramref name="site"/> (its own bundles, texts, and a file the next revision deletes)
    /// and function revision <paramref name="code"/>; a deploy changes only what its kill point needs, which keeps the run short.
    /// </summary>
    Task<DeployRequest> PackageAsync(int n, int site, int code, bool dryRun = false, bool force = false)
    {
        var pages = Environment.GetEnvironmentVariable("DEPLOY_CRASH_KILLS") is null ? 3 : 40;
        var generated = new GeneratedSite(Pages: pages, Version: $"site-{site}", EditedPages: site % 2 == 0 ? new HashSet<int> { 1 } : null);
        return LocalPackages.PackageAsync(work, file, $"5.0.{n}", generated, video: null, dryRun, code: $"code-{code}",
            extraFiles: new Dictionary<string, string> { [$"only-{site}.txt"] = $"revision {site}" }).ContinueWith(t => t.Result with { Force = force });
    }

    [Fact]
    public async Task A_deploy_killed_anywhere_leaves_a_complete_site_and_the_next_deploy_converges()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("DEPLOY_CRASH_KILLS"), out var n) && n > 0 ? n : Points.Length;
        var random = new Random(25);
        var environment = file.Environments["local"];
        var direct = await LocalSessions.OpenAsync(cloud.Api, environment.DeployRole, "crash-tests");
        using var s3 = direct.DeployRole.CreateS3(environment.Site.Region);
        using var http = new HttpClient();
        // The baseline, forced: other tests of the shared cloud may have left a newer version.
        var (site, code) = (0, 0);
        await EnvironmentDeploy.RunAsync(await PackageAsync(0, site, code, force: true), direct.Build, direct.DeployRole, TextWriter.Null, default);

        var failures = new List<string>();
        var (killed, broken, diverged) = (0, 0, 0);
        var phases = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= kills; i++)
        {
            var point = Points[(i - 1) % Points.Length];
            var at = random.Next(1, point.AtMost + 1);
            var afterForward = random.Next(2) == 1;
            var what = $"kill {i} in {point.Phase} (request {at}, {(afterForward ? "after" : "before")} the cloud saw it)";
            if (point.Needs == Change.Site) site++;
            if (point.Needs == Change.Functions) code++;
            var lap = Stopwatch.StartNew();
            var request = await PackageAsync(i, site, code);
            var laps = new List<string> { $"package {lap.ElapsedMilliseconds} ms" };

            await using (var proxy = await HoldingProxy.StartAsync(cloud.Api, point.Match, at, afterForward))
            {
                using var child = ChildDeploy.Start(proxy.Endpoint, request.ArtifactsFolder, Path.Combine(work, "tmp"), SiteModes.InPlace);
                var childOutput = child.StandardOutput.ReadToEndAsync();
                var childError = child.StandardError.ReadToEndAsync();
                var ended = await Task.WhenAny(proxy.Held, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
                if (ended != proxy.Held)
                {
                    if (!child.HasExited) child.Kill();
                    await child.WaitForExitAsync();
                    failures.Add($"{what}: never reached, the deploy ended first (exit {child.ExitCode}): {await childOutput}{await childError}".Trim());
                    continue;
                }
                child.Kill(); // SIGKILL: no cleanup, no lock release, nothing flushed
                await child.WaitForExitAsync();
                killed++;
                phases.Add(point.Phase);
                laps.Add($"killed {lap.ElapsedMilliseconds} ms");
                output.WriteLine($"{what}: held {await proxy.Held}");
            }

            var problems = await ServedSite.ProblemsAsync(http, cloud.Site, await HtmlKeysAsync(s3.Client, environment.Site.Bucket));
            laps.Add($"site checked {lap.ElapsedMilliseconds} ms");
            if (problems.Count > 0)
            {
                broken++;
                failures.Add($"{what}: the site served is not complete: {string.Join("; ", problems.Take(5))}");
            }
            try
            {
                await EnvironmentDeploy.RunAsync(request, direct.Build, direct.DeployRole, TextWriter.Null, default);
                laps.Add($"rerun {lap.ElapsedMilliseconds} ms");
                var dryRun = new StringWriter();
                var plan = await EnvironmentDeploy.RunAsync(await PackageAsync(i, site, code, dryRun: true), direct.Build, direct.DeployRole, dryRun, default);
                laps.Add($"dry run {lap.ElapsedMilliseconds} ms");
                output.WriteLine("  " + string.Join(", ", laps));
                if (!plan.SitePlan!.ChangesNothing || !dryRun.ToString().Contains("Functions: 0 to update"))
                {
                    diverged++;
                    failures.Add($"{what}: the next deploy left something to do:\n{dryRun}");
                }
            }
            catch (Exception e)
            {
                diverged++;
                failures.Add($"{what}: the next deploy failed: {e.Message}");
            }
        }
        output.WriteLine($"crashes: {killed} kills in {phases.Count} phases, {broken} broken sites, {diverged} non-converging ({clock.Elapsed.TotalSeconds:0} s)");
        AreaCounts.Record(RepositoryFiles.Root, "crashes", ("kills", killed), ("phases", phases.Count), ("broken sites", broken), ("non-converging", diverged));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(kills, killed);
        Assert.Equal(Enumerable.Range(0, kills).Select(k => Points[k % Points.Length].Phase).Distinct().Count(), phases.Count);
    }

    static async Task<IReadOnlyList<string>> HtmlKeysAsync(Amazon.S3.IAmazonS3 s3, string bucket) =>
        ((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? [])
        .Select(o => o.Key).Where(k => k.EndsWith(".html", StringComparison.Ordinal)).ToList();
}
