using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Deploy.Site;

/// <summary>
/// Reads the site bucket: a listing in key ranges side by side, the deploy state object beside it, and HeadObject where
/// the state cannot tell.
/// </summary>
public sealed class RemoteSiteReader(IAmazonS3 s3, int parallelism = 16)
{
    public async Task<RemoteSite> ReadAsync(string bucket, LocalSite local, CancellationToken cancellationToken = default)
    {
        // Started first so the state's download overlaps the listing; it is used only if the listing has it too. Its ETag
        // is kept either way: the state is written back only over the object read (If-Match), or where there was none.
        var stateRead = ReadStateAsync(bucket, cancellationToken);
        var objects = await ListAsync(bucket, local.Files.Select(f => f.Key), cancellationToken);
        var (state, stateETag) = await stateRead;
        if (!objects.Remove(DeployState.Key)) state = null;
        // The lock of a running deploy is not part of the site (DeployLock).
        foreach (var key in objects.Keys.Where(k => k.StartsWith(DeployState.Prefix, StringComparison.Ordinal)).ToList())
            objects.Remove(key);
        var site = new RemoteSite(objects, state, new Dictionary<string, ObjectHeaders>()) { StateETag = stateETag };

        var headers = new ConcurrentDictionary<string, ObjectHeaders>();
        var needHead = new List<string>();
        foreach (var file in local.Files)
        {
            if (!site.HasContentOf(file)) continue; // will be uploaded anyway: its headers do not matter
            if (site.CurrentStateOf(file.Key) is { } known)
                headers[file.Key] = new ObjectHeaders(known.ContentType, known.CacheControl);
            else
                needHead.Add(file.Key);
        }
        await Parallel.ForEachAsync(needHead, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, ct);
                headers[key] = new ObjectHeaders(head.Headers.ContentType, head.Headers.CacheControl);
            });
        return site with { Headers = headers };
    }

    async Task<Dictionary<string, RemoteObject>> ListAsync(string bucket, IEnumerable<string> siteKeys, CancellationToken cancellationToken)
    {
        try
        {
            return await new BucketListing(s3).ListAsync(bucket, siteKeys.Append(DeployState.Key), cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SiteBucketException($"site bucket '{bucket}' does not exist; fix: create it (infra/) or correct environments.<name>.site.bucket in infra/environments.json");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new SiteBucketException($"access to site bucket '{bucket}' was denied ({e.ErrorCode}); fix: deploy with the environment's deploy role, which may list and write the bucket");
        }
    }

    /// <summary>The state and its ETag; nulls when there is none. Other failures (a missing bucket, no access) are the listing's to report.</summary>
    async Task<(DeployState?, string?)> ReadStateAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, DeployState.Key, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return (DeployState.Decode(buffer.ToArray()), response.ETag);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey" || e.StatusCode == HttpStatusCode.NotFound || e.StatusCode == HttpStatusCode.Forbidden)
        {
            return (null, null);
        }
    }
}

public sealed class SiteBucketException(string message) : Exception(message);
