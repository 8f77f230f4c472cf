using Amazon.S3.Model;
using Deploy.Site;
using Deploy.Tests.Site;
using SyncBench;

namespace SyncBench.Tests;

[CollectionDefinition(Name)]
public sealed class BenchS3rver : ICollectionFixture<S3rverFixture>
{
    public const string Name = "bench s3rver";
}

/// <summary>The oracle is the floor of the benchmark only if it uploads exactly the changed files, as our deploy would.</summary>
[Collection(BenchS3rver.Name)]
public sealed class OracleTests(S3rverFixture s3rver) : IDisposable
{
    readonly string site = Directory.CreateTempSubdirectory("oracle-site-").FullName;

    public void Dispose() => Directory.Delete(site, recursive: true);

    [Fact]
    public async Task Uploads_exactly_the_changed_files_with_our_headers()
    {
        BenchSite.Write(site, 40);
        var bucket = await s3rver.CreateBucketAsync("oracle");
        string[] changed = ["blog/post-1/index.html", "page-data/blog/post-1/page-data.json"];
        File.AppendAllText(Path.Combine(site, changed[0]), "<!-- edited -->");

        var (objects, bytes) = await new Oracle(s3rver.S3.Client, s3rver.S3.UseChunkEncoding, new SyncSettings()).UploadAsync(bucket, site, changed);

        var listed = await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(changed.Order(StringComparer.Ordinal), listed.S3Objects.Select(o => o.Key));
        Assert.Equal(2, objects);
        Assert.Equal(changed.Sum(k => new FileInfo(Path.Combine(site, k)).Length), bytes);
        foreach (var key in changed)
        {
            using var stored = await s3rver.S3.Client.GetObjectAsync(bucket, key);
            using var reader = new StreamReader(stored.ResponseStream);
            Assert.Equal(File.ReadAllText(Path.Combine(site, key)), await reader.ReadToEndAsync());
            Assert.Equal(ContentTypes.For(key), stored.Headers.ContentType);
            Assert.True(CachePolicy.SameDirectives(stored.Headers.CacheControl, CachePolicy.For(key)), $"{key}: Cache-Control {stored.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Told_nothing_changed_it_sends_nothing()
    {
        BenchSite.Write(site, 33);
        var bucket = await s3rver.CreateBucketAsync("oracle-none");

        var (objects, bytes) = await new Oracle(s3rver.S3.Client, s3rver.S3.UseChunkEncoding, new SyncSettings()).UploadAsync(bucket, site, []);

        Assert.Equal((0, 0L), (objects, bytes));
        Assert.Empty((await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task A_listed_file_that_is_not_in_the_site_fails_before_the_first_write()
    {
        BenchSite.Write(site, 33);
        var bucket = await s3rver.CreateBucketAsync("oracle-missing");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new Oracle(s3rver.S3.Client, s3rver.S3.UseChunkEncoding, new SyncSettings()).UploadAsync(bucket, site, ["index.html", "blog/no-such-post/index.html"]));

        Assert.Equal($"changed file 'blog/no-such-post/index.html' is not in {site}; fix: list keys relative to the site folder, one per line", error.Message);
        Assert.Empty((await s3rver.S3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }
}

public sealed class BenchSiteTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("bench-site-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(1_000)]
    public void Writes_exactly_the_files_asked_for(int files)
    {
        BenchSite.Write(root, files);
        Assert.Equal(files, Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Writes_the_same_bytes_every_time()
    {
        BenchSite.Write(Path.Combine(root, "a"), 100);
        BenchSite.Write(Path.Combine(root, "b"), 100);
        var a = Directory.GetFiles(Path.Combine(root, "a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "a"), f)).Order().ToList();
        Assert.Equal(a, Directory.GetFiles(Path.Combine(root, "b"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(root, "b"), f)).Order());
        Assert.All(a, key => Assert.Equal(File.ReadAllBytes(Path.Combine(root, "a", key)), File.ReadAllBytes(Path.Combine(root, "b", key))));
    }

    [Fact]
    public void Too_few_files_names_the_minimum()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchSite.Write(root, 29));
        Assert.Equal("--files 29 is below the 30 files every generated site has; fix: pass --files 30 or more", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }
}
