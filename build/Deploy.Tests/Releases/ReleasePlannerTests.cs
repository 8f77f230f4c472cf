using System.Security.Cryptography;
using System.Text;
using Deploy.Releases;
using Deploy.Site;

namespace Deploy.Tests.Releases;

public class ReleasePlannerTests
{
    static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    static readonly ReleaseSource Source = new("1.2.0", "abc1234");

    static LocalFile File(string key, string content = "x") =>
        new(key, "/site/" + key, content.Length, new FileETags(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content + key))), null));

    static LocalSite Local(params LocalFile[] files) => new("/site", files);

    static readonly LocalFile[] Files =
    [
        File("index.html"), File("blog/a/index.html"), File("page-data/app-data.json"), File("page-data/blog/a/page-data.json"),
        File("app-0123456789abcdef0123.js"), File("static/logo.png"),
    ];

    /// <summary>Plans and "applies" in memory: the manifest and catalogue the next plan reads.</summary>
    static (ReleasePlan Plan, ReleaseCatalogue Catalogue, ReleaseManifest Manifest) Release(LocalSite site, ReleaseCatalogue catalogue, ReleaseManifest? newest, DateTimeOffset? now = null)
    {
        var plan = ReleasePlanner.Plan("bucket", site, catalogue, newest, Source, new SyncSettings(), now ?? Now);
        return (plan, plan.Catalogue, plan.Manifest);
    }

    [Fact]
    public void The_first_release_stores_every_file_in_its_folder_and_writes_no_path_entries()
    {
        var (plan, catalogue, manifest) = Release(Local(Files), ReleaseCatalogue.Empty, null);

        Assert.Equal(1, plan.Id);
        Assert.True(plan.IsNew);
        Assert.Equal(Files.Select(f => "_releases/1/" + f.Key).Order(), plan.Phases.SelectMany(p => p.Uploads).Select(u => u.Key).Order());
        Assert.Empty(plan.Histories);
        Assert.All(manifest.Files.Values, f => Assert.Equal(1, f.StoredIn));
        Assert.Equal([1], catalogue.Releases.Select(r => r.Id));
    }

    [Fact]
    public void A_changed_page_is_the_only_upload_and_the_only_path_entry()
    {
        var (_, catalogue, manifest) = Release(Local(Files), ReleaseCatalogue.Empty, null);
        var changed = Files.Select(f => f.Key == "blog/a/index.html" ? File(f.Key, "new text") : f).ToArray();

        var (plan, next, nextManifest) = Release(Local(changed), catalogue, manifest);

        Assert.Equal(2, plan.Id);
        Assert.Equal(["_releases/2/blog/a/index.html"], plan.Phases.SelectMany(p => p.Uploads).Select(u => u.Key));
        Assert.Equal(new Dictionary<string, string> { ["/blog/a/index.html"] = "2" }, plan.Histories);
        Assert.Equal(2, nextManifest.Files["blog/a/index.html"].StoredIn);
        Assert.Equal(1, nextManifest.Files["index.html"].StoredIn);
        Assert.Equal("2", next.Paths["/blog/a/index.html"]);
    }

    [Fact]
    public void A_removed_page_gets_an_entry_that_drops_it_and_a_removed_hashed_asset_stays_served_in_its_grace()
    {
        var (_, catalogue, manifest) = Release(Local(Files), ReleaseCatalogue.Empty, null);
        var fewer = Files.Where(f => f.Key is not "blog/a/index.html" and not "app-0123456789abcdef0123.js").ToArray();

        var (plan, _, nextManifest) = Release(Local(fewer), catalogue, manifest);

        Assert.Equal("-2", plan.Histories["/blog/a/index.html"]);
        Assert.False(plan.Histories.ContainsKey("/app-0123456789abcdef0123.js"));
        Assert.NotNull(nextManifest.Files["app-0123456789abcdef0123.js"].RemovedAt);
        Assert.False(nextManifest.Files.ContainsKey("blog/a/index.html"));
        Assert.Equal(0, plan.UploadCount);
    }

    [Fact]
    public void An_unchanged_site_plans_no_new_release()
    {
        var (_, catalogue, manifest) = Release(Local(Files), ReleaseCatalogue.Empty, null);
        var (plan, next, _) = Release(Local(Files), catalogue, manifest);
        Assert.False(plan.IsNew);
        Assert.Equal(1, plan.Id);
        Assert.Same(catalogue, next);
    }

    [Fact]
    public void A_release_after_a_rollback_is_planned_against_the_newest_release_not_the_live_one()
    {
        var (_, c1, m1) = Release(Local(Files), ReleaseCatalogue.Empty, null);
        var v2 = Files.Select(f => f.Key == "index.html" ? File(f.Key, "v2") : f).ToArray();
        var (_, c2, m2) = Release(Local(v2), c1, m1);
        // Live is release 1 again (rolled back). The same content as release 1: index.html must be written for release 3,
        // since release 3 would otherwise resolve to release 2's bytes.
        var (plan, _, m3) = Release(Local(Files), c2, m2);

        Assert.Equal(3, plan.Id);
        Assert.Equal("2 3", plan.Histories["/index.html"]);
        Assert.Equal(3, m3.Files["index.html"].StoredIn);
    }

    [Fact]
    public void A_path_longer_than_a_key_value_store_key_is_refused_in_one_line()
    {
        var (_, catalogue, manifest) = Release(Local(Files), ReleaseCatalogue.Empty, null);
        var longPath = "blog/" + new string('a', 520) + "/index.html";
        var error = Assert.Throws<SiteFolderException>(() => Release(Local([.. Files, File(longPath)]), catalogue, manifest));
        Assert.Contains("512 bytes; fix:", error.Message);
    }
}
