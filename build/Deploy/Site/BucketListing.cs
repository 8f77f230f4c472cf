using Amazon.S3;
using Amazon.S3.Model;

namespace Deploy.Site;

/// <summary>
/// Lists a bucket in key ranges side by side instead of one 1,000-key page after another. The ranges are cut from the
/// keys the bucket is expected to hold (the built site's), one page's worth each, so when the bucket mirrors the site
/// every range is one ListObjectsV2 call with StartAfter; a range that holds more keys pages on, and one that holds
/// none costs one empty call. S3 lists in UTF-8 byte order, so a range stops at the first key past its end.
/// </summary>
public sealed class BucketListing(IAmazonS3 s3, int parallelism = 8)
{
    const int PageSize = 1000; // ListObjectsV2's limit

    /// <summary>Keys per range: a little under a page, so a few keys the site does not have still fit in one call.</summary>
    public const int KeysPerRange = 990;

    public async Task<Dictionary<string, RemoteObject>> ListAsync(string bucket, IEnumerable<string> expectedKeys, CancellationToken cancellationToken = default)
    {
        var ends = RangeEnds(expectedKeys);
        var ranges = new List<RemoteObject>[ends.Count + 1];
        await Parallel.ForEachAsync(Enumerable.Range(0, ranges.Length),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => ranges[i] = await ListRangeAsync(bucket, i == 0 ? null : ends[i - 1], i < ends.Count ? ends[i] : null, ct));
        var objects = new Dictionary<string, RemoteObject>(StringComparer.Ordinal);
        foreach (var o in ranges.SelectMany(r => r))
            objects[o.Key] = o;
        return objects;
    }

    /// <summary>The last key of each range but the open-ended last one, in listing order.</summary>
    public static IReadOnlyList<string> RangeEnds(IEnumerable<string> expectedKeys)
    {
        var keys = expectedKeys.Distinct(StringComparer.Ordinal).Order(KeyOrder.Instance).ToArray();
        var ends = new List<string>();
        for (var i = KeysPerRange - 1; i < keys.Length - 1; i += KeysPerRange)
            ends.Add(keys[i]);
        return ends;
    }

    /// <summary>The keys after <paramref name="after"/> up to and including <paramref name="through"/> (null: no bound).</summary>
    async Task<List<RemoteObject>> ListRangeAsync(string bucket, string? after, string? through, CancellationToken cancellationToken)
    {
        var objects = new List<RemoteObject>();
        var request = new ListObjectsV2Request { BucketName = bucket, MaxKeys = PageSize, StartAfter = after };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var o in page.S3Objects ?? [])
            {
                if (through is not null && KeyOrder.Instance.Compare(o.Key, through) > 0)
                    return objects; // the next range's first key: that range lists it
                objects.Add(new RemoteObject(o.Key, o.ETag.Trim('"'), o.Size ?? 0));
            }
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (request.ContinuationToken is not null);
        return objects;
    }
}
