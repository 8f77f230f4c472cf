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
/// A deploy SIGKILLed at seeded points: the fault proxy holds the k-th request of a phase (before or after the cloud saw
/// it) and the test kills the deploy's process right then. After each kill the site the local edge serves is complete,
/// and the next deploy converges and then finds nothing to do. The points are the mode's (CrashTests, ReleaseCrashTests).
/// </summary>
static class CrashRun
{
    public const string Site = "jamstack-site-local";
    public const string Function = "/2015-03-31/functions/[^/?]+";

    public static async Task RunAsync(LocalCloudFixture cloud, string mode, CrashPoint[] points, ITestOutputHelper output, int seed)
    {
        var work = Directory.CreateTempSubdirectory("crash-deploy-").FullName;
        try
        {
            await RunAsync(cloud, mode, points, output, seed, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Version 5.0.n of site revision <paramref name="site"/> (its own bundles, texts, and a file the next revision deletes)
    /// and function revision <paramref name="code"/>; a deploy changes only what its kill point needs, which keeps the run short.
    /// </summary>
    static Task<DeployRequest> PackageAsync(string work, EnvironmentsFile file, int n, int site, int code, bool dryRun = false, bool force = false)
    {
        var pages = Environment.GetEnvironmentVariable("DEPLOY_CRASH_KILLS") is null ? 3 : 40;
        var generated = new GeneratedSite(Pages: pages, Version: $"site-{site}", EditedPages: site % 2 == 0 ? new HashSet<int> { 1 } : null);
        return LocalPackages.PackageAsync(work, file, $"5.0.{n}", generated, video: null, dryRun, code: $"code-{code}",
            extraFiles: new Dictionary<string, string> { [$"only-{site}.txt"] = $"revision {site}" }).ContinueWith(t => t.Result with { Force = force });
    }

    static async Task RunAsync(LocalCloudFixture cloud, string mode, CrashPoint[] points, ITestOutputHelper output, int seed, string work)
    {
        var file = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).WithLocalIn(mode);
        Task<DeployRequest> PackageAsync(int n, int site, int code, bool dryRun = false, bool force = false) => CrashRun.PackageAsync(work, file, n, site, code, dryRun, force);
        var kills = int.TryParse(Environment.GetEnvironmentVariable("DEPLOY_CRASH_KILLS"), out var n) && n > 0 ? n : points.Length;
        var random = new Random(seed);
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
            var point = points[(i - 1) % points.Length];
            var at = random.Next(1, point.AtMost + 1);
            var afterForward = random.Next(2) == 1;
            var what = $"kill {i} in {point.Phase} (request {at}, {(afterForward ? "after" : "before")} the cloud saw it)";
            if (point.Needs == CrashChange.Site) site++;
            if (point.Needs == CrashChange.Functions) code++;
            var lap = Stopwatch.StartNew();
            var request = await PackageAsync(i, site, code);
            var laps = new List<string> { $"package {lap.ElapsedMilliseconds} ms" };

            await using (var proxy = await HoldingProxy.StartAsync(cloud.Api, point.Match, at, afterForward))
            {
                using var child = ChildDeploy.Start(proxy.Endpoint, request.ArtifactsFolder, Path.Combine(work, "tmp"), mode);
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

            var problems = await ServedSite.ProblemsAsync(http, cloud.Site, await PagesAsync(mode, s3.Client, environment.Site.Bucket, Path.Combine(work, $"public-5.0.{i}")));
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
        output.WriteLine($"crashes ({mode}): {killed} kills in {phases.Count} phases, {broken} broken sites, {diverged} non-converging ({clock.Elapsed.TotalSeconds:0} s)");
        AreaCounts.Record(RepositoryFiles.Root, "crashes", ("kills", killed), ("phases", phases.Count), ("broken sites", broken), ("non-converging", diverged));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(kills, killed);
        Assert.Equal(Enumerable.Range(0, kills).Select(k => points[k % points.Length].Phase).Distinct().Count(), phases.Count);
    }

    /// <summary>
    /// The pages to check. In place: every HTML object in the bucket (a stale page is served too). In release mode the
    /// bucket holds every release's files under _releases/; the pages are the site's, as the package has them.
    /// </summary>
    static async Task<IReadOnlyList<string>> PagesAsync(string mode, Amazon.S3.IAmazonS3 s3, string bucket, string siteFolder)
    {
        if (mode == SiteModes.InPlace)
            return ((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? [])
                .Select(o => o.Key).Where(k => k.EndsWith(".html", StringComparison.Ordinal)).ToList();
        return Directory.EnumerateFiles(siteFolder, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(siteFolder, f).Replace('\\', '/')).ToList();
    }
}
