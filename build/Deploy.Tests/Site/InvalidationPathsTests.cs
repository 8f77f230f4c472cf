using Deploy.Site;

namespace Deploy.Tests.Site;

public class InvalidationPathsTests
{
    static readonly InvalidationLimits Limits = new(WildcardAbove: 4, EverythingAbove: 40, MaxPaths: 3000, MaxWildcards: 15);

    [Fact]
    public void An_index_page_covers_its_folder_and_its_file() =>
        Assert.Equal(["/blog/x/", "/blog/x/index.html"], InvalidationPaths.For(["blog/x/index.html"], Limits));

    [Fact]
    public void The_root_index_covers_slash() =>
        Assert.Equal(["/", "/index.html"], InvalidationPaths.For(["index.html"], Limits));

    [Fact]
    public void Other_keys_map_to_their_path_and_are_encoded() =>
        Assert.Equal(["/blog/caf%C3%A9%20au%20lait.png", "/rss.xml"], InvalidationPaths.For(["rss.xml", "blog/café au lait.png"], Limits));

    [Fact]
    public void Nothing_changed_means_no_invalidation() =>
        Assert.Empty(InvalidationPaths.For([], Limits));

    [Fact]
    public void A_folder_with_more_changes_than_the_threshold_becomes_a_wildcard()
    {
        var keys = Enumerable.Range(1, 5).Select(i => $"page-data/blog/p{i}/page-data.json").Append("index.html");
        Assert.Equal(["/", "/index.html", "/page-data/*"], InvalidationPaths.For(keys, Limits));
    }

    [Fact]
    public void A_folder_at_the_threshold_stays_explicit()
    {
        var keys = Enumerable.Range(1, 4).Select(i => $"page-data/p{i}.json").ToList();
        Assert.Equal(4, InvalidationPaths.For(keys, Limits).Count);
    }

    [Fact]
    public void The_shallowest_crowded_folder_wins()
    {
        // two posts = 4 paths under /blog/a/ and /blog/b/, three more posts push /blog/ past the threshold
        var keys = new[] { "blog/a/index.html", "blog/b/index.html", "blog/c/index.html" };
        Assert.Equal(["/blog/*"], InvalidationPaths.For(keys, Limits));
    }

    [Fact]
    public void Past_the_total_threshold_everything_is_invalidated()
    {
        var keys = Enumerable.Range(1, 41).Select(i => $"f{i}.txt");
        Assert.Equal(["/*"], InvalidationPaths.For(keys, Limits));
    }

    [Fact]
    public void More_wildcards_than_cloudfront_allows_in_progress_become_everything()
    {
        var limits = Limits with { EverythingAbove = 10_000, MaxWildcards = 2 };
        var keys = new[] { "a", "b", "c" }.SelectMany(folder => Enumerable.Range(1, 5).Select(i => $"{folder}/{i}.json"));
        Assert.Equal(["/*"], InvalidationPaths.For(keys, limits));
    }

    [Fact]
    public void More_paths_than_one_invalidation_holds_become_everything()
    {
        var limits = new InvalidationLimits(WildcardAbove: 100, EverythingAbove: 100_000, MaxPaths: 30, MaxWildcards: 15);
        var keys = Enumerable.Range(1, 31).Select(i => $"d{i}/x.json");
        Assert.Equal(["/*"], InvalidationPaths.For(keys, limits));
    }

    [Fact]
    public void Default_limits_respect_cloudfronts_quotas()
    {
        Assert.True(InvalidationLimits.Default.MaxPaths <= 3000);
        Assert.True(InvalidationLimits.Default.MaxWildcards <= 15);
    }
}
