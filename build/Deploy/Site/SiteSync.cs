using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;

namespace Deploy.Site;

/// <summary>What a sync did.</summary>
public sealed record SyncResult(int Uploaded, long UploadedBytes, int Invalidated, int Deleted, bool StateWritten);

/// <summary>
/// Executes a <see cref="SitePlan"/>: phases strictly one after another (parallel within a phase), then invalidate and
/// wait, then delete, then write the state. Stopped at any point, the bucket still holds a complete site: old pages'
/// assets are deleted only after every new page is in place and the CDN has let go of the old ones.
/// </summary>
public sealed class SiteSync(IAmazonS3 s3, bool useChunkEncoding, ISiteInvalidator invalidator, ISiteProgress progress, SyncSettings settings)
{
    const int DeleteBatch = 1000; // DeleteObjects' limit

    readonly ObjectUploader uploader = new(s3, useChunkEncoding, settings.Multipart);

    public async Task<SyncResult> ApplyAsync(SitePlan plan, CancellationToken cancellationToken = default)
    {
        var etags = await PhasedUploads.RunAsync(uploader, plan.Bucket, plan.Phases, progress, settings.UploadConcurrency, cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();
        if (plan.InvalidationPaths.Count > 0)
        {
            var clock = Stopwatch.StartNew();
            progress.Invalidating(plan.InvalidationPaths);
            await invalidator.InvalidateAsync(plan.InvalidationPaths, plan.NextState.DeployId, cancellationToken);
            progress.Invalidated(clock.Elapsed);
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var batch in plan.Deletions.Chunk(DeleteBatch))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = plan.Bucket,
                Objects = batch.Select(d => new KeyVersion { Key = d.Key }).ToList(),
                Quiet = true,
            }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors)
                throw new SiteBucketException($"{errors.Count} stale objects could not be deleted from '{plan.Bucket}' (first: {errors[0].Key}: {errors[0].Code}); fix: allow s3:DeleteObject for the deploy role, then deploy again");
            progress.Deleted(batch.Length, batch.Sum(d => d.Size));
        }

        var stateWritten = false;
        if (plan.StateChanged || etags.Count > 0)
        {
            await WriteStateAsync(plan, etags, cancellationToken);
            stateWritten = true;
            progress.StateWritten();
        }
        return new SyncResult(plan.UploadCount, plan.UploadBytes, plan.InvalidationPaths.Count, plan.Deletions.Count, stateWritten);
    }

    async Task<bool> IsOursAsync(string bucket, DeployState written, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, DeployState.Key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return DeployState.Decode(buffer.ToArray())?.ToJson().AsSpan().SequenceEqual(written.ToJson()) == true;
    }

    /// <summary>Records the ETags S3 actually returned: with SSE-KMS they are not MD5s, and the next plan must recognise them.</summary>
    async Task WriteStateAsync(SitePlan plan, IReadOnlyDictionary<string, string> etags, CancellationToken cancellationToken)
    {
        var objects = plan.NextState.Objects.ToDictionary(
            o => o.Key,
            o => etags.TryGetValue(o.Key, out var etag) ? o.Value with { ETag = etag } : o.Value,
            StringComparer.Ordinal);
        var state = plan.NextState with { Objects = objects };
        var request = new PutObjectRequest
        {
            BucketName = plan.Bucket,
            Key = DeployState.Key,
            InputStream = new MemoryStream(state.Encode()),
            ContentType = "application/gzip",
            UseChunkEncoding = useChunkEncoding,
        };
        request.Headers.CacheControl = "no-store";
        // Only over the state the plan was made from: a deploy never records a listing another deploy has since changed.
        if (plan.StateETag is { } etag) request.IfMatch = etag;
        else request.IfNoneMatch = "*";
        try
        {
            await s3.PutObjectAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // A retry of our own write, whose first answer was lost on the way: the state there is ours.
            if (await IsOursAsync(plan.Bucket, state, cancellationToken))
                return;
            throw new SiteBucketException($"s3://{plan.Bucket}/{DeployState.Key} changed while this deploy ran (another deploy wrote the site; {e.ErrorCode}), so its state was not written; fix: deploy again, the next plan starts from what the bucket holds now");
        }
    }
}
