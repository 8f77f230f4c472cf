using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Deploy.Site;

/// <summary>Reads the site bucket: a paged listing, the deploy state object, and HeadObject where the state cannot tell.</summary>
public sealed class RemoteSiteReader(IAmazonS3 s3, int parallelism = 16)
{
    public async Task<RemoteSite> ReadAsync(string bucket, LocalSite local, CancellationToken cancellationToken = default)
    {
        var objects = await ListAsync(bucket, cancellationToken);
        var (state, stateETag) = objects.ContainsKey(DeployState.Key) ? await ReadStateAsync(bucket, cancellationToken) : (null, null);
        objects.Remove(DeployState.Key);
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

    async Task<Dictionary<string, RemoteObject>> ListAsync(string bucket, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, RemoteObject>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1000 };
        try
        {
            do
            {
                var page = await s3.ListObjectsV2Async(request, cancellationToken);
                foreach (var o in page.S3Objects ?? [])
                    objects[o.Key] = new RemoteObject(o.Key, o.ETag.Trim('"'), o.Size ?? 0);
                request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
            } while (request.ContinuationToken is not null);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SiteBucketException($"site bucket '{bucket}' does not exist; fix: create it (infra/) or correct environments.<name>.site.bucket in infra/environments.json");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new SiteBucketException($"access to site bucket '{bucket}' was denied ({e.ErrorCode}); fix: deploy with the environment's deploy role, which may list and write the bucket");
        }
        return objects;
    }

    async Task<(DeployState?, string?)> ReadStateAsync(string bucket, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, DeployState.Key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return (DeployState.FromJson(buffer.ToArray()), response.ETag);
    }
}

public sealed class SiteBucketException(string message) : Exception(message);
