using Deploy.Releases;

namespace Deploy.Tests.Releases;

public class ReleaseRetentionTests
{
    static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    static ReleaseCatalogue Catalogue(int count, Dictionary<string, string>? paths = null) => new(
        Enumerable.Range(1, count).Select(i => new ReleaseSummary(i, $"1.0.{i}", "abc", Now, 10, 2)).ToList(), paths ?? []);

    static ReleaseManifest Manifest(int id, params (string Key, int StoredIn)[] files) =>
        new(id, $"1.0.{id}", "abc", Now, 10, files.ToDictionary(f => f.Key, f => new ReleaseFile("m", "e", 5, "text/html", "c", f.StoredIn)));

    [Fact]
    public void Keeps_the_newest_n_and_always_the_live_and_the_previous_release()
    {
        var catalogue = Catalogue(12);
        var live = new LiveRelease(2, 1);
        Assert.Equal([1, 2, 10, 11, 12], ReleaseRetention.Retained(catalogue, 3, live));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], ReleaseRetention.Prunable(catalogue, 3, live));
    }

    [Fact]
    public void A_pruned_release_s_file_that_a_retained_release_still_serves_is_kept()
    {
        // index.html changed in 2 and 3; about.html never changed since release 1.
        var catalogue = Catalogue(3, new() { ["/index.html"] = "2 3" });
        var manifests = new[] { Manifest(1, ("index.html", 1), ("about.html", 1)) };

        var pruning = ReleaseRetention.Plan(catalogue, keep: 1, new LiveRelease(3, 2), manifests);

        Assert.Equal([1], pruning.Releases);
        Assert.Equal(["_releases/1/index.html", ReleaseLayout.ManifestKey(1)], pruning.DeleteKeys);
        Assert.Equal([2, 3], pruning.Catalogue.Releases.Select(r => r.Id));
    }

    [Fact]
    public void A_pruned_release_s_hashed_asset_stays_while_a_retained_release_lists_it()
    {
        var catalogue = Catalogue(3, new() { ["/app-0123456789abcdef0123.js"] = "*1", ["/app-fedcba9876543210fedc.js"] = "*1" });
        var manifests = new[]
        {
            Manifest(1, ("app-0123456789abcdef0123.js", 1), ("app-fedcba9876543210fedc.js", 1)),
            Manifest(2, ("app-0123456789abcdef0123.js", 1)),
            Manifest(3),
        };

        var pruning = ReleaseRetention.Plan(catalogue, keep: 1, new LiveRelease(3, 2), manifests);

        Assert.Equal(["_releases/1/app-fedcba9876543210fedc.js", ReleaseLayout.ManifestKey(1)], pruning.DeleteKeys);
    }
}
