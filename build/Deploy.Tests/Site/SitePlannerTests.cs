using System.Security.Cryptography;
using System.Text;
using Deploy.Site;

namespace Deploy.Tests.Site;

public class SitePlannerTests
{
    static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    static readonly SyncSettings Settings = new();

    static string Md5(string content) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content)));

    static LocalFile File(string key, string content = "x") =>
        new(key, "/site/" + key, content.Length, new FileETags(Md5(content + key), null));

    static LocalSite Local(params LocalFile[] files) => new("/site", files);

    /// <summary>A bucket holding exactly these files with the headers our policy gives them, and a state recording them.</summary>
    static RemoteSite Deployed(LocalSite site, string deployId = "d1")
    {
        var objects = site.Files.ToDictionary(f => f.Key, f => new RemoteObject(f.Key, f.ETags.Md5, f.Size));
        var headers = site.Files.ToDictionary(f => f.Key, f => new ObjectHeaders(ContentTypes.For(f.Key), CachePolicy.For(f.Key)));
        var state = new DeployState(deployId, Now.AddDays(-1), null, site.Files.ToDictionary(f => f.Key,
            f => new ObjectState(f.ETags.Md5, f.ETags.Md5, ContentTypes.For(f.Key), CachePolicy.For(f.Key), deployId)));
        return new RemoteSite(objects, state, headers);
    }

    static SitePlan Plan(LocalSite local, RemoteSite remote, SyncSettings? settings = null, DateTimeOffset? now = null) =>
        SitePlanner.Plan("site-bucket", local, remote, settings ?? Settings, "d2", now ?? Now);

    static readonly LocalSite Site = Local(
        File("index.html"), File("blog/a/index.html"), File("page-data/index/page-data.json"), File("page-data/app-data.json"),
        File("app-0123456789abcdef0123.js"), File("static/logo.png"), File("favicon.ico"), File("sw.js"));

    [Fact]
    public void A_first_deploy_uploads_everything_in_phase_order()
    {
        var plan = Plan(Site, RemoteSite.Empty);

        Assert.Equal([SitePhase.HashedAssets, SitePhase.OtherFiles, SitePhase.PageData, SitePhase.Html], plan.Phases.Select(p => p.Phase));
        Assert.Equal(["app-0123456789abcdef0123.js", "static/logo.png"], plan.Phases[0].Uploads.Select(u => u.Key));
        Assert.Equal(["favicon.ico", "sw.js"], plan.Phases[1].Uploads.Select(u => u.Key));
        Assert.Equal(["page-data/app-data.json", "page-data/index/page-data.json"], plan.Phases[2].Uploads.Select(u => u.Key));
        Assert.Equal(["blog/a/index.html", "index.html"], plan.Phases[3].Uploads.Select(u => u.Key));
        Assert.All(plan.Uploads, u => Assert.Equal(UploadReason.New, u.Reason));
        Assert.Empty(plan.InvalidationPaths); // nothing was served before
        Assert.True(plan.StateChanged);
    }

    [Fact]
    public void An_identical_site_plans_nothing_and_keeps_the_state()
    {
        var plan = Plan(Site, Deployed(Site));
        Assert.Equal(0, plan.UploadCount);
        Assert.Equal(Site.Files.Count, plan.Unchanged);
        Assert.True(plan.ChangesNothing);
        Assert.False(plan.StateChanged);
    }

    [Fact]
    public void A_changed_page_is_uploaded_and_invalidated()
    {
        var remote = Deployed(Site);
        var rebuilt = Local(Site.Files.Select(f => f.Key == "blog/a/index.html" ? File(f.Key, "new text") : f).ToArray());

        var plan = Plan(rebuilt, remote);

        var upload = Assert.Single(plan.Uploads);
        Assert.Equal(("blog/a/index.html", UploadReason.ChangedContent), (upload.Key, upload.Reason));
        Assert.Equal(["/blog/a/", "/blog/a/index.html"], plan.InvalidationPaths);
        Assert.True(plan.StateChanged);
    }

    [Fact]
    public void Wrong_headers_are_fixed_even_when_content_matches()
    {
        var remote = Deployed(Site);
        var headers = new Dictionary<string, ObjectHeaders>(remote.Headers) { ["favicon.ico"] = new("application/octet-stream", CachePolicy.Short) };
        var plan = Plan(Site, remote with { Headers = headers });

        var upload = Assert.Single(plan.Uploads);
        Assert.Equal(("favicon.ico", UploadReason.ChangedMetadata), (upload.Key, upload.Reason));
        Assert.Equal(["/favicon.ico"], plan.InvalidationPaths);
    }

    [Fact]
    public void A_remote_multipart_etag_of_the_same_bytes_counts_as_unchanged()
    {
        var big = new LocalFile("static/video.mp4", "/site/static/video.mp4", 20_000_000, new FileETags(Md5("big"), "0123456789abcdef0123456789abcdef-3"));
        var local = Local(big);
        var remote = new RemoteSite(
            new Dictionary<string, RemoteObject> { [big.Key] = new(big.Key, "0123456789abcdef0123456789abcdef-3", big.Size) },
            null,
            new Dictionary<string, ObjectHeaders> { [big.Key] = new("video/mp4", CachePolicy.Immutable) });

        Assert.Equal(0, Plan(local, remote).UploadCount);
    }

    [Fact]
    public void A_non_md5_etag_compares_through_the_recorded_md5()
    {
        // SSE-KMS: S3's ETag is not the MD5, but the state recorded which bytes we wrote under that ETag.
        var file = File("index.html");
        var state = new DeployState("d1", Now, null, new Dictionary<string, ObjectState>
        {
            [file.Key] = new("kms-etag-1", file.ETags.Md5, ContentTypes.For(file.Key), CachePolicy.For(file.Key), "d1"),
        });
        var remote = new RemoteSite(new Dictionary<string, RemoteObject> { [file.Key] = new(file.Key, "kms-etag-1", 1) }, state,
            new Dictionary<string, ObjectHeaders> { [file.Key] = new(ContentTypes.For(file.Key), CachePolicy.For(file.Key)) });

        Assert.Equal(0, Plan(Local(file), remote).UploadCount);
        // …but not once someone else replaced the object (a different ETag than recorded).
        var replaced = remote with { Objects = new Dictionary<string, RemoteObject> { [file.Key] = new(file.Key, "kms-etag-2", 1) } };
        Assert.Equal(UploadReason.ChangedContent, Assert.Single(Plan(Local(file), replaced).Uploads).Reason);
    }

    [Fact]
    public void A_removed_page_is_deleted_after_invalidation_and_its_paths_invalidated()
    {
        var remote = Deployed(Site);
        var plan = Plan(Local(Site.Files.Where(f => f.Key != "blog/a/index.html").ToArray()), remote);

        Assert.Equal(["blog/a/index.html"], plan.Deletions.Select(d => d.Key));
        Assert.Equal(["/blog/a/", "/blog/a/index.html"], plan.InvalidationPaths);
    }

    [Fact]
    public void Stale_hashed_assets_are_kept_within_the_grace_period_and_deleted_after_it()
    {
        var remote = Deployed(Site);
        var rebuilt = Local(Site.Files.Where(f => f.Key != "app-0123456789abcdef0123.js").Append(File("app-fedcba9876543210fedc.js")).ToArray());

        var first = Plan(rebuilt, remote);
        Assert.Empty(first.Deletions);
        var kept = Assert.Single(first.Kept);
        Assert.Equal("app-0123456789abcdef0123.js", kept.Key);
        Assert.Contains("grace period (7 days left)", kept.Reason);
        Assert.Equal(Now, first.NextState.Objects[kept.Key].RemovedAt);
        Assert.DoesNotContain("/app-0123456789abcdef0123.js", first.InvalidationPaths);

        // The next deploys read that state: the grace runs from when the asset left, not from each deploy.
        var afterFirst = remote with
        {
            State = first.NextState,
            Objects = new Dictionary<string, RemoteObject>(remote.Objects) { ["app-fedcba9876543210fedc.js"] = new("app-fedcba9876543210fedc.js", rebuilt.Files.Single(f => f.Key == "app-fedcba9876543210fedc.js").ETags.Md5, 1) },
        };
        var sixDaysLater = Plan(rebuilt, afterFirst, now: Now.AddDays(6));
        Assert.Empty(sixDaysLater.Deletions);
        Assert.Contains("1 days left", Assert.Single(sixDaysLater.Kept).Reason);

        var eightDaysLater = Plan(rebuilt, afterFirst, now: Now.AddDays(8));
        Assert.Equal(["app-0123456789abcdef0123.js"], eightDaysLater.Deletions.Select(d => d.Key));
        Assert.Empty(eightDaysLater.Kept);
        Assert.DoesNotContain("app-0123456789abcdef0123.js", eightDaysLater.NextState.Objects.Keys);
    }

    [Fact]
    public void Deletions_over_the_cap_are_refused_with_the_fix()
    {
        var many = Enumerable.Range(0, 5).Select(i => File($"old/{i}.txt")).ToArray();
        var remote = Deployed(Local([.. Site.Files, .. many]));
        var settings = Settings with { DeleteCap = 4 };

        var plan = Plan(Site, remote, settings);

        Assert.Empty(plan.Deletions);
        Assert.Equal(5, plan.RefusedDeletions.Count);
        Assert.Equal("5 stale objects exceed the delete cap of 4, so none were deleted; fix: check the site folder, then run again with --force to delete them", plan.RefusalMessage);
        Assert.Empty(plan.InvalidationPaths); // nothing is removed, so nothing changes for visitors
        Assert.All(many, f => Assert.NotNull(plan.NextState.Objects[f.Key].RemovedAt));

        var forced = Plan(Site, remote, settings with { Force = true });
        Assert.Equal(5, forced.Deletions.Count);
        Assert.Null(forced.RefusalMessage);
    }

    [Fact]
    public void On_a_small_site_the_cap_is_relative_to_its_size()
    {
        // Nine pages, each an HTML file and its page data, plus the shared files: removing seven pages deletes fourteen objects.
        LocalFile[] Page(int i) => [File($"blog/post-{i}/index.html"), File($"page-data/blog/post-{i}/page-data.json")];
        var nine = Local([.. Site.Files, .. Enumerable.Range(0, 9).SelectMany(Page)]);
        var two = Local([.. Site.Files, .. Enumerable.Range(0, 2).SelectMany(Page)]);

        var plan = Plan(two, Deployed(nine));

        Assert.Empty(plan.Deletions);
        Assert.Equal(14, plan.RefusedDeletions.Count);
        Assert.Equal("14 of the site's 26 objects are stale, more than 25% of them (cap 6), so none were deleted; " +
                     "fix: check the site folder (is it the whole built site?), then run again with --force to delete them", plan.RefusalMessage);
        // A folder holding only index.html would delete every page: refused the same way.
        Assert.Empty(Plan(Local(File("index.html")), Deployed(nine)).Deletions);
        // Removing one page is an ordinary change; --force lifts the cap.
        Assert.Equal(2, Plan(Local([.. Site.Files, .. Enumerable.Range(0, 8).SelectMany(Page)]), Deployed(nine)).Deletions.Count);
        Assert.Equal(14, Plan(two, Deployed(nine), Settings with { Force = true }).Deletions.Count);
    }

    [Fact]
    public void Deletions_at_the_cap_go_ahead()
    {
        var four = Enumerable.Range(0, 4).Select(i => File($"old/{i}.txt")).ToArray();
        var plan = Plan(Site, Deployed(Local([.. Site.Files, .. four])), Settings with { DeleteCap = 4 });
        Assert.Equal(4, plan.Deletions.Count);
    }

    [Fact]
    public void The_state_object_is_never_part_of_the_site_comparison()
    {
        var plan = Plan(Site, Deployed(Site));
        Assert.DoesNotContain(DeployState.Key, plan.NextState.Objects.Keys);
        Assert.DoesNotContain(plan.Deletions, d => d.Key.StartsWith(DeployState.Prefix));
    }
}
