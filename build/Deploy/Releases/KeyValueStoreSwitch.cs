using AwsAccess;

namespace Deploy.Releases;

/// <summary>
/// The release switch on a CloudFront KeyValueStore. Path histories go in UpdateKeys batches (all or nothing each);
/// promoting is one PutKey of "live" naming the ETag read just before, so two promotes racing cannot both win.
/// </summary>
public sealed class KeyValueStoreSwitch(IKeyValueStore store, string arn) : IReleaseSwitch
{
    /// <summary>UpdateKeys takes at most 50 puts and deletes per call.</summary>
    const int Batch = 50;

    public async Task<LiveRelease?> LiveAsync(CancellationToken cancellationToken) =>
        LiveRelease.Parse(await store.GetKeyAsync(arn, ReleaseLayout.LiveKey, cancellationToken));

    public async Task WriteHistoriesAsync(IReadOnlyDictionary<string, string> histories, CancellationToken cancellationToken)
    {
        if (histories.Count == 0) return;
        var etag = (await store.DescribeAsync(arn, cancellationToken)).ETag;
        foreach (var batch in histories.OrderBy(h => h.Key, StringComparer.Ordinal).Chunk(Batch))
            etag = await store.UpdateKeysAsync(arn, batch.Select(h => new KeyValueEntry(h.Key, h.Value)).ToList(), [], etag, cancellationToken);
    }

    public async Task PromoteAsync(int release, CancellationToken cancellationToken)
    {
        var etag = (await store.DescribeAsync(arn, cancellationToken)).ETag;
        var live = LiveRelease.Promoting(release, await LiveAsync(cancellationToken));
        await store.PutKeyAsync(arn, ReleaseLayout.LiveKey, live.ToString(), etag, cancellationToken);
    }
}
