using Amazon.S3.Model;
using Deploy.Site;

namespace Deploy.Tests.Site;

/// <summary>The listing in key ranges against a real S3 server: the same objects as one serial listing, whatever the site expects.</summary>
[Collection(S3rverCollection.Name)]
public sealed class BucketListingTests(S3rverFixture s3rver)
{
    // Keys at the root, a key and a folder of the same name ("a.html", "a/…": S3 lists "a.html" first), thirty small
    // prefixes and one prefix holding most keys.
    static readonly string[] Keys =
    [
        "404.html", "a.html", "a/index.html", "index.html", "robots.txt", "z-last.txt",
        .. Enumerable.Range(0, 30).SelectMany(p => new[] { $"p{p:D2}/one.txt", $"p{p:D2}/two/three.txt" }),
        .. Enumerable.Range(0, 2100).Select(i => $"blog/post-{i:D4}/index.html"),
    ];

    async Task<string> BucketAsync()
    {
        var name = await s3rver.CreateBucketAsync("ranges");
        await Parallel.ForEachAsync(Keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) =>
            await s3rver.S3.Client.PutObjectAsync(s3rver.S3.Prepare(new PutObjectRequest { BucketName = name, Key = key, ContentBody = $"body of {key}" }), ct));
        return name;
    }

    async Task<List<RemoteObject>> SerialListingAsync(string name)
    {
        var objects = new List<RemoteObject>();
        var request = new ListObjectsV2Request { BucketName = name };
        ListObjectsV2Response page;
        do
        {
            page = await s3rver.S3.Client.ListObjectsV2Async(request);
            objects.AddRange((page.S3Objects ?? []).Select(o => new RemoteObject(o.Key, o.ETag.Trim('"'), o.Size ?? 0)));
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return objects;
    }

    /// <summary>What the site may expect of the bucket: the ranges are cut from it, right or wrong.</summary>
    static readonly Dictionary<string, IEnumerable<string>> ExpectedKeys = new()
    {
        ["exactly the bucket's keys"] = Keys,
        ["every other key and 1,500 the bucket lacks"] = Keys.Where((_, i) => i % 2 == 0).Concat(Enumerable.Range(0, 1500).Select(i => $"blog/post-{i:D4}/gone.html")),
        ["no keys"] = [],
        ["only the first thousand keys"] = Keys.Order(KeyOrder.Instance).Take(1000),
    };

    [Fact]
    public async Task Ranges_listed_side_by_side_give_what_one_serial_listing_gives()
    {
        var name = await BucketAsync();
        var serial = (await SerialListingAsync(name)).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(Keys.Order(StringComparer.Ordinal), serial.Select(o => o.Key));

        foreach (var (expected, keys) in ExpectedKeys)
        {
            var ranged = await new BucketListing(s3rver.S3.Client).ListAsync(name, keys);
            Assert.True(serial.SequenceEqual(ranged.Values.OrderBy(o => o.Key, StringComparer.Ordinal)), $"ranges cut from {expected} listed other objects than a serial listing");
        }
    }

    [Fact]
    public void Ranges_are_cut_every_990_expected_keys_in_s3_order()
    {
        var ends = BucketListing.RangeEnds(Keys);
        var sorted = Keys.Order(KeyOrder.Instance).ToList();
        Assert.Equal(Keys.Length / BucketListing.KeysPerRange, ends.Count);
        Assert.Equal(Enumerable.Range(1, ends.Count).Select(i => sorted[i * BucketListing.KeysPerRange - 1]), ends);
        Assert.Empty(BucketListing.RangeEnds(Keys.Take(BucketListing.KeysPerRange)));
    }
}
