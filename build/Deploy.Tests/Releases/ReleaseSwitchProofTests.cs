using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AwsAccess;
using Deploy.Environments;
using Deploy.Releases;
using Deploy.Site;
using Deploy.Tests.Deployment;
using Deploy.Tests.Environments;

namespace Deploy.Tests.Releases;

/// <summary>
/// The proofs of release mode against the local cloud: its S3 and KeyValueStore APIs under the deploy role, and its
/// edge running the very viewer-request function of infra/. While releases are deployed, promoted and rolled back,
/// simulated visitors load pages through the edge (the page, then app-data, the page's data and the app bundle it
/// names); no load that no switch overlapped mixes releases, no response comes from a release that was not live
/// while it was asked for, and every bundle a page names is served. After each promote every path serves the new
/// release on the next request; a rollback is one key value store write, no S3 write and no invalidation.
/// </summary>
public sealed class ReleaseSwitchProofTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    const int Pages = 12;
    const int Requests = 2000;
    readonly string work = Directory.CreateTempSubdirectory("release-proof-").FullName;
    readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(work, recursive: true);
    }

    sealed record Switch(long Started, long Ended, string LiveHash);

    /// <param name="Identifies">The response names its release (page, app-data); page data only agrees with its page or not.</param>
    sealed record Response(long Started, long Ended, string Hash, bool Identifies);

    [Fact]
    public async Task Visitors_never_see_two_releases_in_one_page_load_and_rollback_is_one_switch_write()
    {
        var local = EnvironmentsLoader.Load(RepositoryFiles.EnvironmentsJson).Environments["local"];
        var (_, role) = await LocalSessions.OpenAsync(cloud.Api, local.DeployRole, "release-proof");
        using var s3 = role.CreateS3(local.Site.Region);
        using var kvs = role.CreateKeyValueStore();
        var releases = new ReleaseDeploy(s3, local.Site.Bucket, new KeyValueStoreSwitch(kvs, local.Site.KeyValueStoreArn!), new SilentProgress(), new SyncSettings { Force = true });

        var sites = new[]
        {
            new ProofSite("v1", Pages, new HashSet<int>()),
            new ProofSite("v2", Pages, new HashSet<int> { 1, 2 }),
            new ProofSite("v3", Pages, new HashSet<int> { 2, 5 }),
        };
        var clock = Stopwatch.StartNew();
        var switches = new ConcurrentBag<Switch>();
        var ids = new Dictionary<string, int>();

        async Task DeployAsync(ProofSite site)
        {
            var folder = Path.Combine(work, site.Version);
            site.WriteTo(folder);
            var plan = await releases.PlanAsync(folder, new ReleaseSource(site.Version, "abc1234"));
            await releases.ApplyAsync(plan, promote: false, keep: 10);
            ids[site.Version] = plan.Id;
            await PromoteAsync(site);
        }

        async Task PromoteAsync(ProofSite site)
        {
            var started = clock.ElapsedTicks;
            await releases.PromoteAsync(await releases.FindAsync($"r{ids[site.Version]}"));
            switches.Add(new Switch(started, clock.ElapsedTicks, site.CompilationHash));
            await AssertEveryPathServesAsync(site);
        }

        await DeployAsync(sites[0]);
        switches.Add(new Switch(0, clock.ElapsedTicks, sites[0].CompilationHash));

        using var stop = new CancellationTokenSource();
        var loads = new ConcurrentBag<IReadOnlyList<Response>>();
        var failures = new ConcurrentBag<string>();
        var requests = 0;
        var visitors = Enumerable.Range(0, 4).Select(v => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var load = await LoadPageAsync((v * 7 + n) % Pages, clock, failures);
                if (load is not null) loads.Add(load);
                Interlocked.Add(ref requests, 4);
            }
        })).ToList();

        await DeployAsync(sites[1]);
        var before = RequestCounts();
        await PromoteAsync(sites[0]); // rollback
        var after = RequestCounts();
        await PromoteAsync(sites[1]);
        await DeployAsync(sites[2]);
        await PromoteAsync(sites[1]); // rollback
        await PromoteAsync(sites[2]);
        // More switches back and forth while the visitors keep loading, until a few thousand requests were made (bounded: 60 s).
        for (var i = 0; Volatile.Read(ref requests) < Requests && clock.Elapsed < TimeSpan.FromSeconds(60); i++)
            await PromoteAsync(sites[i % sites.Length]);
        stop.Cancel();
        await Task.WhenAll(visitors);

        Assert.Empty(failures);
        Assert.Equal(0, Delta(before, after, "s3", "write"));
        Assert.Equal(0, Delta(before, after, "cloudfront", "write"));
        Assert.Equal(1, Delta(before, after, "cloudfront-keyvaluestore", "write"));

        var responses = loads.Sum(l => l.Count);
        Assert.True(responses >= Requests / 2, $"only {responses} responses were checked");
        var ordered = switches.OrderBy(s => s.Started).ToList();
        foreach (var load in loads)
        {
            var (first, last) = (load.Min(r => r.Started), load.Max(r => r.Ended));
            if (!ordered.Skip(1).Any(s => s.Started <= last && s.Ended >= first))
                Assert.True(load.All(r => r.Hash == load[0].Hash), $"one page load saw {string.Join(", ", load.Select(r => r.Hash).Distinct())} with no switch in between");
            foreach (var response in load.Where(r => r.Identifies))
                Assert.True(LiveDuring(ordered, response).Contains(response.Hash), $"a response came from {response.Hash}, which was not live while it was asked for");
        }
    }

    /// <summary>The hashes live at any instant of the response's interval: the one before it, and every switch that ended or began within it.</summary>
    static HashSet<string> LiveDuring(List<Switch> ordered, Response response)
    {
        var live = new HashSet<string>();
        var current = ordered.LastOrDefault(s => s.Ended <= response.Started) ?? ordered[0];
        live.Add(current.LiveHash);
        foreach (var s in ordered.Where(s => s.Started <= response.Ended && s.Ended >= response.Started))
            live.Add(s.LiveHash);
        // A switch in flight may have landed just before the request: the one before it is still possible too.
        foreach (var s in ordered.Where(s => s.Started <= response.Started && s.Ended >= response.Started))
            live.Add(ordered[Math.Max(0, ordered.IndexOf(s) - 1)].LiveHash);
        return live;
    }

    /// <summary>
    /// A visitor's page load: the page, then app-data, the page's data and the bundle the page names. Page and app-data
    /// name their release's compilation hash; the page's data carries the page's text, so it counts as the page's
    /// release when the texts agree (and as another one when not); the bundle must be served and be the one named.
    /// </summary>
    async Task<IReadOnlyList<Response>?> LoadPageAsync(int page, Stopwatch clock, ConcurrentBag<string> failures)
    {
        var responses = new List<Response>();
        async Task<(string Body, long Started)?> GetAsync(string path)
        {
            var started = clock.ElapsedTicks;
            using var response = await http.GetAsync(new Uri(cloud.Site, path));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) return (body, started);
            failures.Add($"{path}: {(int)response.StatusCode}");
            return null;
        }
        void Add(long started, string hash, bool identifies) => responses.Add(new Response(started, clock.ElapsedTicks, hash, identifies));

        if (await GetAsync($"/blog/post-{page}/") is not { } html) return null;
        var (hash, text) = ProofSite.ReadPage(html.Body);
        Add(html.Started, hash, true);
        if (await GetAsync("/page-data/app-data.json") is { } appData)
            Add(appData.Started, ProofSite.ReadAppData(appData.Body), true);
        if (await GetAsync($"/page-data/blog/post-{page}/page-data.json") is { } pageData)
        {
            var dataText = ProofSite.ReadPageData(pageData.Body);
            Add(pageData.Started, dataText == text ? hash : "page data: " + dataText, false);
        }
        if (await GetAsync($"/app-{hash}.js") is { } bundle && !bundle.Body.Contains(hash))
            failures.Add($"/app-{hash}.js does not hold compilation {hash}");
        return responses;
    }

    async Task AssertEveryPathServesAsync(ProofSite site)
    {
        Assert.Equal(site.CompilationHash, ProofSite.ReadAppData(await http.GetStringAsync(new Uri(cloud.Site, "/page-data/app-data.json"))));
        for (var i = 0; i < Pages; i++)
        {
            var (hash, text) = ProofSite.ReadPage(await http.GetStringAsync(new Uri(cloud.Site, $"/blog/post-{i}/")));
            Assert.Equal((site.CompilationHash, site.Text(i)), (hash, text));
            Assert.Equal(site.Text(i), ProofSite.ReadPageData(await http.GetStringAsync(new Uri(cloud.Site, $"/page-data/blog/post-{i}/page-data.json"))));
        }
    }

    JsonElement RequestCounts()
    {
        using var counts = JsonDocument.Parse(File.ReadAllText(Path.Combine(cloud.StateDirectory, "requests.json")));
        return counts.RootElement.Clone();
    }

    static int Delta(JsonElement before, JsonElement after, string service, string kind)
    {
        static int Count(JsonElement counts, string service, string kind) =>
            counts.TryGetProperty(service, out var s) && s.TryGetProperty(kind, out var n) ? n.GetInt32() : 0;
        return Count(after, service, kind) - Count(before, service, kind);
    }
}
