using Amazon.S3.Model;
using Deploy.Releases;
using Deploy.Site;
using Deploy.Tests.Site;

namespace Deploy.Tests.Releases;

/// <summary>
/// Release deploys against a real S3 server, read back the way the viewer-request function routes requests (the
/// in-memory switch resolves each path as the function does): every path of every retained release serves exactly
/// that release's bytes, before and after promotes, previews and rollbacks.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class ReleaseDeployIntegrationTests(S3rverFixture s3rver) : IDisposable
{
    static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    readonly string work = Directory.CreateTempSubdirectory("release-deploy-").FullName;
    readonly InMemoryReleaseSwitch releaseSwitch = new();

    public void Dispose() => Directory.Delete(work, recursive: true);

    string Build(GeneratedSite site, string name)
    {
        var folder = Path.Combine(work, name);
        site.WriteTo(folder);
        return folder;
    }

    ReleaseDeploy Deployer(string bucket, DateTimeOffset? now = null) =>
        new(s3rver.S3, bucket, releaseSwitch, new SilentProgress(), new SyncSettings(), new FixedClock(now ?? T0));

    async Task<ReleaseResult> DeployAsync(string bucket, string folder, bool promote = true, int keep = 10, DateTimeOffset? now = null)
    {
        var deployer = Deployer(bucket, now);
        var plan = await deployer.PlanAsync(folder, new ReleaseSource("1.0.0", "abc1234"));
        return await deployer.ApplyAsync(plan, promote, keep);
    }

    async Task<byte[]?> GetAsync(string bucket, string? key)
    {
        if (key is null) return null;
        try
        {
            using var response = await s3rver.S3.Client.GetObjectAsync(bucket, key);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
    }

    /// <summary>Every file of the built folder, fetched as the function routes it (live, or a preview release).</summary>
    async Task AssertServesAsync(string bucket, string folder, int? preview = null)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = LocalSite.KeyOf(folder, path);
            var served = await GetAsync(bucket, releaseSwitch.Route(key, preview));
            Assert.True(served is not null, $"{key} is not served");
            Assert.True((await File.ReadAllBytesAsync(path)).SequenceEqual(served!), $"{key} serves other bytes");
        }
    }

    async Task<List<string>> ListingAsync(string bucket)
    {
        var listing = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response page;
        do
        {
            page = await s3rver.S3.Client.ListObjectsV2Async(request);
            listing.AddRange((page.S3Objects ?? []).Select(o => $"{o.Key} {o.ETag} {o.LastModified:O}"));
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return listing;
    }

    [Fact]
    public async Task Releases_switch_whole_previews_serve_their_own_release_and_rollback_writes_nothing_to_the_bucket()
    {
        var bucket = await s3rver.CreateBucketAsync("releases");
        var v1 = Build(new GeneratedSite(Pages: 12), "v1");
        var v2 = Build(new GeneratedSite(Pages: 12, Version: "v2", EditedPages: new HashSet<int> { 3 }), "v2");

        var first = await DeployAsync(bucket, v1);
        Assert.True(first is { Release: 1, IsNew: true, Promoted: true, SwitchWrites: 1 });
        await AssertServesAsync(bucket, v1);

        var second = await DeployAsync(bucket, v2, promote: false);
        Assert.True(second is { Release: 2, Promoted: false });
        // Only what changed was uploaded: the bundles, the edited page, app-data, sitemap, robots, and every page's HTML (it names the bundles).
        Assert.True(second.Uploaded < Directory.EnumerateFiles(v2, "*", SearchOption.AllDirectories).Count());
        Assert.Equal(second.Uploaded, second.SwitchWrites);
        await AssertServesAsync(bucket, v1);              // live is untouched
        await AssertServesAsync(bucket, v2, preview: 2);  // the preview serves the new release whole

        await Deployer(bucket).PromoteAsync(await Deployer(bucket).FindAsync("2"));
        await AssertServesAsync(bucket, v2);

        var before = await ListingAsync(bucket);
        var writes = releaseSwitch.Writes;
        var deployer = Deployer(bucket);
        await deployer.PromoteAsync(await deployer.FindAsync("r1"));
        Assert.Equal(before, await ListingAsync(bucket));  // rollback: not one object written or deleted
        Assert.Equal(writes + 1, releaseSwitch.Writes);    // one switch write
        await AssertServesAsync(bucket, v1);
        Assert.Equal(new LiveRelease(1, 2), await releaseSwitch.LiveAsync(default));
    }

    [Fact]
    public async Task Redeploying_the_same_site_uploads_nothing_and_makes_no_release()
    {
        var bucket = await s3rver.CreateBucketAsync("same");
        var v1 = Build(new GeneratedSite(Pages: 4), "v1");
        await DeployAsync(bucket, v1);
        var before = await ListingAsync(bucket);

        var again = await DeployAsync(bucket, v1);

        Assert.True(again is { Release: 1, IsNew: false, Uploaded: 0, SwitchWrites: 0, Promoted: false });
        Assert.Equal(before, await ListingAsync(bucket));
    }

    [Fact]
    public async Task Retention_deletes_only_files_no_retained_release_serves()
    {
        var bucket = await s3rver.CreateBucketAsync("retention");
        var sites = Enumerable.Range(1, 4).Select(i => Build(new GeneratedSite(Pages: 5, EditedPages: new HashSet<int> { i }), $"v{i}")).ToList();
        foreach (var site in sites)
            await DeployAsync(bucket, site, keep: 2);

        var (releases, live) = await Deployer(bucket).ListAsync();
        Assert.Equal([4, 3], releases.Select(r => r.Id));
        Assert.Equal(new LiveRelease(4, 3), live);
        var listing = await ListingAsync(bucket);
        Assert.DoesNotContain(listing, o => o.StartsWith("_deploy/releases/1.json ") || o.StartsWith("_deploy/releases/2.json "));
        // Release 2 wrote post-1 (back to its original text) and post-2 (edited); release 3 put post-2 back, so only post-1 is still served from 2.
        Assert.Contains(listing, o => o.StartsWith("_releases/2/blog/post-1/index.html "));
        Assert.DoesNotContain(listing, o => o.StartsWith("_releases/2/blog/post-2/index.html "));
        // Release 1 held the whole site: what later releases did not change is still served from it; its edited post-1 is not.
        Assert.Contains(listing, o => o.StartsWith("_releases/1/blog/post-0/index.html "));
        Assert.DoesNotContain(listing, o => o.StartsWith("_releases/1/blog/post-1/index.html "));
        await AssertServesAsync(bucket, sites[3]);
        await AssertServesAsync(bucket, sites[2], preview: 3);
    }

    [Fact]
    public async Task The_promoted_release_s_404_page_is_at_the_root_where_CloudFront_s_error_response_fetches_it()
    {
        var bucket = await s3rver.CreateBucketAsync("errors");
        var v1 = Build(new GeneratedSite(Pages: 2), "v1");
        var v2 = Build(new GeneratedSite(Pages: 2, Version: "v2"), "v2");
        await File.WriteAllTextAsync(Path.Combine(v1, "404.html"), "<h1>Page not found</h1> v1");
        await File.WriteAllTextAsync(Path.Combine(v2, "404.html"), "<h1>Page not found</h1> v2");

        await DeployAsync(bucket, v1);
        Assert.Equal("<h1>Page not found</h1> v1", System.Text.Encoding.UTF8.GetString((await GetAsync(bucket, "404.html"))!));
        await DeployAsync(bucket, v2, promote: false); // a preview leaves the live error page alone
        Assert.Equal("<h1>Page not found</h1> v1", System.Text.Encoding.UTF8.GetString((await GetAsync(bucket, "404.html"))!));
        await DeployAsync(bucket, v2);
        Assert.Equal("<h1>Page not found</h1> v2", System.Text.Encoding.UTF8.GetString((await GetAsync(bucket, "404.html"))!));
    }
}
