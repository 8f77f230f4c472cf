namespace AwsAccess;

/// <summary>
/// The CloudFront KeyValueStore data-plane operations a release switch uses. Every write names the store's current
/// ETag (If-Match) and returns the new one; a stale ETag is a <see cref="KeyValueStoreConflictException"/>.
/// </summary>
public interface IKeyValueStore
{
    Task<KeyValueStoreInfo> DescribeAsync(string kvsArn, CancellationToken cancellationToken);

    /// <summary>The key's value, or null when the store has no such key.</summary>
    Task<string?> GetKeyAsync(string kvsArn, string key, CancellationToken cancellationToken);

    /// <summary>Every key and value, following NextToken to the end.</summary>
    Task<IReadOnlyList<KeyValueEntry>> ListKeysAsync(string kvsArn, CancellationToken cancellationToken);

    /// <summary>Sets one key; <paramref name="ifMatch"/> is the store's ETag from Describe or the previous write. Returns the new ETag.</summary>
    Task<string> PutKeyAsync(string kvsArn, string key, string value, string ifMatch, CancellationToken cancellationToken);

    /// <summary>Puts and deletes keys in one write (all or nothing). Returns the new ETag.</summary>
    Task<string> UpdateKeysAsync(string kvsArn, IReadOnlyList<KeyValueEntry> puts, IReadOnlyList<string> deletes, string ifMatch, CancellationToken cancellationToken);
}

public sealed record KeyValueEntry(string Key, string Value);

/// <summary>DescribeKeyValueStore's answer; <see cref="ETag"/> is what the next write must name.</summary>
public sealed record KeyValueStoreInfo(string Arn, string ETag, long ItemCount, long TotalSizeInBytes, string? Status, DateTimeOffset? Created, DateTimeOffset? LastModified);

/// <summary>A write named an ETag that is no longer the store's: someone else wrote since it was read.</summary>
public sealed class KeyValueStoreConflictException(string kvsArn, string staleETag, AwsApiException inner)
    : AwsAccessException($"KeyValueStore {kvsArn} changed since ETag {staleETag} was read (another deploy or promote wrote it): read it again, check the live release, then retry ({(int)inner.StatusCode} {inner.Code}: {inner.AwsMessage}).", inner)
{
    public string KvsArn { get; } = kvsArn;
    public string StaleETag { get; } = staleETag;
}
