using System.Security.Cryptography;
using Amazon.S3.Model;
using Deploy.Site;

namespace Deploy.Tests.Site;

/// <summary>Site deploys against a real S3 server: what lands in the bucket, byte for byte, header for header.</summary>
[Collection(S3rverCollection.Name)]
public sealed class SiteSyncIntegrationTests(S3rverFixture s3rver) : IDisposable
{
    static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    readonly string work = Directory.CreateTempSubdirectory("site-sync-").FullName;
    readonly RecordingInvalidator invalidator = new();

    public void Dispose() => Directory.Delete(work, recursive: true);

    string Build(GeneratedSite site, string name = "public")
    {
        var folder = Path.Combine(work, name);
        site.WriteTo(folder);
        return folder;
    }

    SiteDeploy Deployer(SyncSettings? settings = null, DateTimeOffset? now = null, ISiteProgress? progress = null, ISiteInvalidator? cdn = null) =>
        new(s3rver.S3, cdn ?? invalidator, progress ?? new SilentProgress(), settings ?? new SyncSettings(), new FixedClock(now ?? T0));

    async Task<(SitePlan Plan, SyncResult Result)> DeployAsync(string bucket, string folder, SyncSettings? settings = null, DateTimeOffset? now = null)
    {
        var deployer = Deployer(settings, now);
        var plan = await deployer.PlanAsync(bucket, folder, $"deploy-{Guid.NewGuid():N}");
        return (plan, await deployer.ApplyAsync(plan));
    }

    async Task<List<string>> KeysAsync(string bucket)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response page;
        do
        {
            page = await s3rver.S3.Client.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return keys;
    }

    async Task<(byte[] Bytes, string ContentType, string CacheControl)> GetAsync(string bucket, string key)
    {
        using var response = await s3rver.S3.Client.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return (buffer.ToArray(), response.Headers.ContentType, response.Headers.CacheControl);
    }

    static IEnumerable<string> LocalKeys(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(p => LocalSite.KeyOf(folder, p));

    [Fact]
    public async Task A_first_deploy_stores_every_file_byte_for_byte_with_its_headers()
    {
        var bucket = await s3rver.CreateBucketAsync("first");
        var folder = Build(new GeneratedSite(Pages: 5));

        var (plan, result) = await DeployAsync(bucket, folder);

        var local = LocalKeys(folder).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.Equal(local.Count, result.Uploaded);
        Assert.Equal(local.Append(DeployState.Key).Order(StringComparer.Ordinal), (await KeysAsync(bucket)).Order(StringComparer.Ordinal));
        foreach (var key in local)
        {
            var (bytes, contentType, cacheControl) = await GetAsync(bucket, key);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, key)), bytes);
            Assert.Equal(ContentTypes.For(key), contentType);
            Assert.Equal(CachePolicy.Normalize(CachePolicy.For(key)), CachePolicy.Normalize(cacheControl));
        }
        Assert.True(CachePolicy.SameDirectives("public, max-age=0, must-revalidate", (await GetAsync(bucket, "index.html")).CacheControl));
        Assert.True(CachePolicy.SameDirectives("public, max-age=31536000, immutable", (await GetAsync(bucket, plan.Phases[0].Uploads.First(u => u.Key.StartsWith("app-")).Key)).CacheControl));
        Assert.Empty(invalidator.Calls);
        Assert.True(result.StateWritten);
    }

    [Fact]
    public async Task A_missing_site_bucket_is_one_line_naming_the_fix_before_anything_is_written()
    {
        var e = await Assert.ThrowsAsync<SiteBucketException>(() => Deployer().PlanAsync("no-such-bucket-here", Build(new GeneratedSite(Pages: 1)), "d"));
        Assert.Equal("site bucket 'no-such-bucket-here' does not exist; fix: create it (infra/) or correct environments.<name>.site.bucket in infra/environments.json", e.Message);
    }

    [Fact]
    public async Task A_missing_site_folder_names_the_fix()
    {
        var bucket = await s3rver.CreateBucketAsync("nofolder");
        var e = await Assert.ThrowsAsync<SiteFolderException>(() => Deployer().PlanAsync(bucket, Path.Combine(work, "not-built"), "d"));
        Assert.Contains("does not exist; fix: build the site first", e.Message);
        Assert.Empty(await KeysAsync(bucket));
    }

    [Fact]
    public async Task An_unreadable_state_object_falls_back_to_HeadObject()
    {
        var bucket = await s3rver.CreateBucketAsync("badstate");
        var folder = Build(new GeneratedSite(Pages: 2));
        await DeployAsync(bucket, folder);
        await s3rver.S3.Client.PutObjectAsync(s3rver.S3.Prepare(new PutObjectRequest { BucketName = bucket, Key = DeployState.Key, ContentBody = "{not json" }));

        var (plan, _) = await DeployAsync(bucket, folder);

        Assert.Equal(0, plan.UploadCount);
        Assert.True(plan.StateChanged);
    }

    [Fact]
    public async Task A_state_written_as_plain_json_by_an_earlier_deploy_is_read_and_the_next_one_is_gzipped()
    {
        var bucket = await s3rver.CreateBucketAsync("oldstate");
        var folder = Build(new GeneratedSite(Pages: 3));
        await DeployAsync(bucket, folder);
        var stored = (await GetAsync(bucket, DeployState.Key)).Bytes;
        Assert.Equal([0x1f, 0x8b], stored[..2]);
        var state = DeployState.Decode(stored)!;
        await s3rver.S3.Client.PutObjectAsync(s3rver.S3.Prepare(new PutObjectRequest { BucketName = bucket, Key = DeployState.Key, InputStream = new MemoryStream(state.ToJson()) }));

        var (same, _) = await DeployAsync(bucket, folder);
        Assert.Equal(0, same.UploadCount);
        Assert.False(same.StateChanged); // read, not fallen back to HeadObject (which would rewrite the state)

        Build(new GeneratedSite(Pages: 3, EditedPages: new HashSet<int> { 1 }));
        var (edited, result) = await DeployAsync(bucket, folder);
        Assert.Equal(["blog/post-1/index.html", "page-data/blog/post-1/page-data.json"], edited.Phases.SelectMany(p => p.Uploads).Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.True(result.StateWritten);
        var next = (await GetAsync(bucket, DeployState.Key)).Bytes;
        Assert.Equal([0x1f, 0x8b], next[..2]);
        Assert.Equal(state.DeployId, DeployState.Decode(next)!.PreviousDeployId);
    }

    [Fact]
    public async Task Aws_chunked_bodies_over_plain_http_are_stored_verbatim_which_is_why_chunk_encoding_is_off()
    {
        var bucket = await s3rver.CreateBucketAsync("chunked");
        var path = Path.Combine(work, "page.html");
        await File.WriteAllTextAsync(path, "<html>hello</html>");
        var etags = await ETags.ComputeAsync(path, MultipartSettings.Default);
        var upload = new Upload("page.html", path, new FileInfo(path).Length, ContentTypes.For("page.html"), CachePolicy.Revalidate, UploadReason.New, etags);

        Assert.False(s3rver.S3.UseChunkEncoding); // the connection for an http:// endpoint turns it off
        await new ObjectUploader(s3rver.S3.Client, s3rver.S3.UseChunkEncoding, MultipartSettings.Default).UploadAsync(bucket, upload, default);
        Assert.Equal(await File.ReadAllBytesAsync(path), (await GetAsync(bucket, "page.html")).Bytes);

        // With aws-chunked framing the server either rejects the body (its MD5 is not ours) or keeps the framing.
        var chunked = upload with { Key = "chunked.html" };
        var stored = true;
        try { await new ObjectUploader(s3rver.S3.Client, useChunkEncoding: true, MultipartSettings.Default).UploadAsync(bucket, chunked, default); }
        catch (Amazon.Runtime.AmazonServiceException) { stored = false; }
        if (stored)
            Assert.NotEqual(await File.ReadAllBytesAsync(path), (await GetAsync(bucket, "chunked.html")).Bytes);
    }

    [Fact]
    public async Task A_rebuild_with_the_same_content_but_new_mtimes_uploads_nothing()
    {
        var bucket = await s3rver.CreateBucketAsync("rebuild");
        var site = new GeneratedSite(Pages: 5);
        await DeployAsync(bucket, Build(site));

        var folder = Build(site); // rewritten: every file has a new modification time
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(5));
        var (plan, result) = await DeployAsync(bucket, folder);

        Assert.Equal(0, result.Uploaded);
        Assert.True(plan.ChangesNothing);
        Assert.False(result.StateWritten);
        Assert.Empty(invalidator.Calls);
    }

    [Fact]
    public async Task A_redeploy_after_one_changed_page_uploads_exactly_the_changed_objects()
    {
        var bucket = await s3rver.CreateBucketAsync("onepage");
        await DeployAsync(bucket, Build(new GeneratedSite(Pages: 5)));

        var (plan, result) = await DeployAsync(bucket, Build(new GeneratedSite(Pages: 5, EditedPages: new HashSet<int> { 3 })));

        Assert.Equal(["page-data/blog/post-3/page-data.json", "blog/post-3/index.html"], plan.Uploads.Select(u => u.Key));
        Assert.All(plan.Uploads, u => Assert.Equal(UploadReason.ChangedContent, u.Reason));
        Assert.Equal(2, result.Uploaded);
        var paths = Assert.Single(invalidator.Calls);
        Assert.Equal(["/blog/post-3/", "/blog/post-3/index.html", "/page-data/blog/post-3/page-data.json"], paths);
        Assert.Contains("Post 3, revised", System.Text.Encoding.UTF8.GetString((await GetAsync(bucket, "blog/post-3/index.html")).Bytes));
    }

    [Fact]
    public async Task Without_the_state_object_headers_are_read_with_HeadObject_and_nothing_is_uploaded()
    {
        var bucket = await s3rver.CreateBucketAsync("nostate");
        var folder = Build(new GeneratedSite(Pages: 3));
        await DeployAsync(bucket, folder);
        await s3rver.S3.Client.DeleteObjectAsync(bucket, DeployState.Key);

        var (plan, result) = await DeployAsync(bucket, folder);

        Assert.Equal(0, result.Uploaded);
        Assert.True(result.StateWritten); // the state is back for the next deploy
        Assert.Contains(DeployState.Key, await KeysAsync(bucket));
    }

    [Fact]
    public async Task More_than_1000_keys_are_listed_so_a_redeploy_uploads_nothing()
    {
        var bucket = await s3rver.CreateBucketAsync("many");
        var folder = Build(new GeneratedSite(Pages: 2, ExtraFiles: 1100));
        var (first, _) = await DeployAsync(bucket, folder);
        Assert.True(first.UploadCount > 1100);

        var local = await LocalSite.ReadAsync(folder, MultipartSettings.Default);
        var remote = await new RemoteSiteReader(s3rver.S3.Client).ReadAsync(bucket, local);
        Assert.Equal(first.UploadCount, remote.Objects.Count);

        var (second, _) = await DeployAsync(bucket, folder);
        Assert.Equal(0, second.UploadCount);
        Assert.Empty(second.Deletions);
    }

    [Fact]
    public async Task A_large_file_uploaded_in_parts_is_not_uploaded_again()
    {
        var bucket = await s3rver.CreateBucketAsync("large");
        var folder = Build(new GeneratedSite(Pages: 1));
        var video = Path.Combine(folder, "static", "video.mp4");
        var bytes = RandomNumberGenerator.GetBytes(12 * 1024 * 1024 + 5);
        await File.WriteAllBytesAsync(video, bytes);
        var settings = new SyncSettings { Multipart = new MultipartSettings(5 * 1024 * 1024, 5 * 1024 * 1024) };

        var (first, _) = await DeployAsync(bucket, folder, settings);
        var upload = first.Uploads.Single(u => u.Key == "static/video.mp4");
        Assert.EndsWith("-3", upload.ETags.Multipart);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData((await GetAsync(bucket, "static/video.mp4")).Bytes));

        var (second, result) = await DeployAsync(bucket, folder, settings);
        Assert.DoesNotContain(second.Uploads, u => u.Key == "static/video.mp4");
        Assert.Equal(0, result.Uploaded);
    }

    [Theory]
    [InlineData(SitePhase.HashedAssets)]
    [InlineData(SitePhase.OtherFiles)]
    [InlineData(SitePhase.PageData)]
    [InlineData(SitePhase.Html)]
    public async Task A_deploy_stopped_during_a_phase_leaves_a_complete_site(SitePhase phase)
    {
        var bucket = await s3rver.CreateBucketAsync("stop");
        var v1 = Build(new GeneratedSite(Pages: 4), "v1");
        await DeployAsync(bucket, v1);
        var stateBefore = (await GetAsync(bucket, DeployState.Key)).Bytes;

        // v2: new bundle hashes (every page references new files), edited pages, new robots.txt and sitemap
        var v2 = Build(new GeneratedSite(Pages: 4, Version: "v2", EditedPages: new HashSet<int> { 0, 1, 2 }), "v2");
        using var cancel = new CancellationTokenSource();
        var stopper = new CancelDuring(phase, cancel);
        var deployer = Deployer(new SyncSettings { UploadConcurrency = 1 }, progress: stopper);
        var plan = await deployer.PlanAsync(bucket, v2, "v2");
        Assert.True(plan.Phases.Single(p => p.Phase == phase).Uploads.Count >= 2, "the phase must have more than the one object stored before the stop");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deployer.ApplyAsync(plan, cancel.Token));

        Assert.Equal(1, stopper.UploadedInPhase);
        var keys = (await KeysAsync(bucket)).ToHashSet();
        foreach (var html in keys.Where(k => k.EndsWith(".html")))
        {
            var text = System.Text.Encoding.UTF8.GetString((await GetAsync(bucket, html)).Bytes);
            Assert.All(GeneratedSite.References(text), reference => Assert.Contains(reference, keys));
            var fromV1 = await File.ReadAllTextAsync(Path.Combine(v1, html));
            var fromV2 = await File.ReadAllTextAsync(Path.Combine(v2, html));
            if (phase == SitePhase.Html) Assert.True(text == fromV1 || text == fromV2);
            else Assert.Equal(fromV1, text);
        }
        Assert.Empty(invalidator.Calls);
        Assert.Equal(stateBefore, (await GetAsync(bucket, DeployState.Key)).Bytes);

        // The next deploy finishes the job.
        var (_, finished) = await DeployAsync(bucket, v2);
        Assert.True(finished.Uploaded > 0);
        Assert.Equal(0, (await DeployAsync(bucket, v2)).Result.Uploaded);
    }

    [Fact]
    public async Task A_deploy_stopped_while_invalidating_deletes_nothing()
    {
        var bucket = await s3rver.CreateBucketAsync("stopcdn");
        await DeployAsync(bucket, Build(new GeneratedSite(Pages: 4)));
        using var cancel = new CancellationTokenSource();
        var deployer = Deployer(cdn: new RecordingInvalidator(cancel.Cancel));
        var plan = await deployer.PlanAsync(bucket, Build(new GeneratedSite(Pages: 2)), "shrink");
        Assert.NotEmpty(plan.Deletions);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deployer.ApplyAsync(plan, cancel.Token));

        var keys = await KeysAsync(bucket);
        Assert.All(plan.Deletions, d => Assert.Contains(d.Key, keys));
    }

    [Fact]
    public async Task Deletions_over_the_cap_are_refused_until_forced()
    {
        var bucket = await s3rver.CreateBucketAsync("cap");
        await DeployAsync(bucket, Build(new GeneratedSite(Pages: 8)));
        var smaller = Build(new GeneratedSite(Pages: 2));
        var settings = new SyncSettings { DeleteCap = 5 };

        var (refused, result) = await DeployAsync(bucket, smaller, settings);

        Assert.Equal(12, refused.RefusedDeletions.Count); // 6 pages: HTML + page-data each
        Assert.Contains("--force", refused.RefusalMessage);
        Assert.Equal(0, result.Deleted);
        Assert.Contains("blog/post-7/index.html", await KeysAsync(bucket));

        var (forced, done) = await DeployAsync(bucket, smaller, settings with { Force = true });
        Assert.Equal(12, done.Deleted);
        Assert.DoesNotContain("blog/post-7/index.html", await KeysAsync(bucket));
        Assert.Contains("/blog/*", invalidator.Calls.Last());
    }

    [Fact]
    public async Task Stale_hashed_assets_stay_for_the_grace_period_then_go()
    {
        var bucket = await s3rver.CreateBucketAsync("grace");
        var (v1, _) = await DeployAsync(bucket, Build(new GeneratedSite(Pages: 2)), now: T0);
        var v2 = Build(new GeneratedSite(Pages: 2, Version: "v2"));
        var oldBundles = v1.Phases[0].Uploads.Select(u => u.Key).Except(LocalKeys(v2)).ToList();
        Assert.Equal(4, oldBundles.Count); // app (+ .map, .LICENSE.txt) and styles changed; framework did not

        var (replaced, _) = await DeployAsync(bucket, v2, now: T0.AddDays(1));
        Assert.Empty(replaced.Deletions);
        Assert.Equal(oldBundles.Order(), replaced.Kept.Select(k => k.Key).Order());

        var (withinGrace, _) = await DeployAsync(bucket, v2, now: T0.AddDays(7.5));
        Assert.Empty(withinGrace.Deletions);
        Assert.All(oldBundles, k => Assert.Contains(k, withinGrace.Kept.Select(x => x.Key)));

        var (afterGrace, result) = await DeployAsync(bucket, v2, now: T0.AddDays(8.5));
        Assert.Equal(oldBundles.Order(), afterGrace.Deletions.Select(d => d.Key).Order());
        Assert.Equal(oldBundles.Count, result.Deleted);
        var keys = await KeysAsync(bucket);
        Assert.All(oldBundles, k => Assert.DoesNotContain(k, keys));
    }
}
