using Amazon.S3;
using Amazon.S3.Model;
using AwsAccess;

namespace Deploy.Artifacts;

/// <summary>
/// The KMS-encrypted artifact stores, one bucket per region. Reads what they hold, applies an
/// <see cref="ArtifactStorePlan"/> (every PutObject names SSE-KMS and the region's key ARN, resolved before
/// the first upload), and finds a version's artifact for rollback. Written by the build's own identity.
/// </summary>
public sealed class ArtifactStoreClient(Func<string, S3Connection> s3ForRegion, IKmsKeys kms) : IDisposable
{
    private const string ZipContentType = "application/zip";
    private readonly Dictionary<string, S3Connection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>What each placement's key holds now (absent keys are left out).</summary>
    public async Task<IReadOnlyDictionary<(string Bucket, string Key), StoredArtifact>> ReadExistingAsync(IEnumerable<ArtifactPlacement> placements, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), StoredArtifact>();
        foreach (var destination in placements.Select(p => p.Destination).DistinctBy(d => (d.Bucket, d.Key)))
        {
            var stored = await HeadAsync(destination.Region, destination.Bucket, destination.Key, cancellationToken);
            if (stored is not null) found[(destination.Bucket, destination.Key)] = stored;
        }
        return found;
    }

    /// <summary>Reads the stores and plans; nothing is written.</summary>
    public async Task<ArtifactStorePlan> PlanAsync(IReadOnlyList<ArtifactPlacement> placements, CancellationToken cancellationToken) =>
        ArtifactStorePlanner.Plan(placements, await ReadExistingAsync(placements, cancellationToken));

    /// <summary>Uploads the plan's uploads; KMS keys of every region involved are resolved first, so a bad key writes nothing.</summary>
    public async Task ApplyAsync(ArtifactStorePlan plan, IProgress<StoreStep>? progress, CancellationToken cancellationToken)
    {
        var keyArns = new Dictionary<(string Region, string Key), string>();
        foreach (var destination in plan.Uploads.Select(s => s.Placement.Destination).DistinctBy(d => (d.Region, d.KmsKey)))
            keyArns[(destination.Region, destination.KmsKey)] = await kms.ResolveKeyArnAsync(destination.Region, destination.KmsKey, cancellationToken);

        await Parallel.ForEachAsync(plan.Uploads, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (step, token) =>
        {
            var destination = step.Placement.Destination;
            await PutAsync(step.Placement, keyArns[(destination.Region, destination.KmsKey)], token);
            progress?.Report(step);
        });
        foreach (var skipped in plan.Skipped) progress?.Report(skipped);
    }

    /// <summary>The artifact stored under a version's prefix (the newest, if rebuilt), or null when the store has none.</summary>
    public async Task<StoredArtifact?> FindVersionAsync(string region, string bucket, string versionPrefix, CancellationToken cancellationToken)
    {
        var s3 = Connection(region);
        var call = new AwsCall("s3", "ListObjectsV2", region, bucket);
        S3Object? newest = null;
        string? token = null;
        do
        {
            var page = await Run(call, s3, () => s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = versionPrefix, ContinuationToken = token }, cancellationToken));
            foreach (var item in page.S3Objects ?? [])
            {
                if (item.Key.EndsWith(".zip", StringComparison.Ordinal) && (newest is null || item.LastModified > newest.LastModified)) newest = item;
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (token is not null);
        return newest is null ? null : await HeadAsync(region, bucket, newest.Key, cancellationToken);
    }

    private async Task<StoredArtifact?> HeadAsync(string region, string bucket, string key, CancellationToken cancellationToken)
    {
        var s3 = Connection(region);
        // A listing (not HEAD) tells a missing key from a missing bucket: HEAD answers both with a bodiless 404.
        var listing = await Run(new AwsCall("s3", "ListObjectsV2", region, bucket), s3,
            () => s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = key, MaxKeys = 1 }, cancellationToken));
        if (listing.S3Objects?.FirstOrDefault(o => o.Key == key) is null) return null;
        var head = await Run(new AwsCall("s3", "HeadObject", region, bucket), s3,
            () => s3.Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken));
        return new StoredArtifact(region, bucket, key, head.ContentLength, head.Metadata[ArtifactKeys.Sha256Metadata], head.Metadata[ArtifactKeys.CodeSha256Metadata],
            head.LastModified is { } modified ? new DateTimeOffset(modified) : null, string.IsNullOrEmpty(head.VersionId) || head.VersionId == "null" ? null : head.VersionId);
    }

    private async Task PutAsync(ArtifactPlacement placement, string keyArn, CancellationToken cancellationToken)
    {
        var destination = placement.Destination;
        var s3 = Connection(destination.Region);
        var request = s3.Prepare(new PutObjectRequest
        {
            BucketName = destination.Bucket,
            Key = destination.Key,
            FilePath = placement.LocalPath,
            ContentType = ZipContentType,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
            ServerSideEncryptionKeyManagementServiceKeyId = keyArn,
            // S3 checks the bytes against this digest: a zip changed or corrupted on the way is refused, not stored.
            ChecksumSHA256 = placement.Artifact.CodeSha256,
        });
        request.Metadata[ArtifactKeys.Sha256Metadata] = placement.Artifact.Sha256;
        request.Metadata[ArtifactKeys.CodeSha256Metadata] = placement.Artifact.CodeSha256;
        await Run(new AwsCall("s3", "PutObject", destination.Region, destination.Bucket), s3, () => s3.Client.PutObjectAsync(request, cancellationToken));
    }

    private S3Connection Connection(string region)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(region, out var connection)) _connections[region] = connection = s3ForRegion(region);
            return connection;
        }
    }

    private static async Task<T> Run<T>(AwsCall call, S3Connection s3, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (AmazonS3Exception error) when (error.StatusCode != 0)
        {
            throw AwsApiException.FromSdk(call, error);
        }
        catch (Exception error) when (error is not AwsAccessException and not OperationCanceledException && EndpointUnreachable.IsConnectionFailure(error))
        {
            // The first S3 call of every deploy is the artifact store's: an endpoint that does not answer is named here.
            throw EndpointUnreachable.Exception(call, s3.Endpoint, error);
        }
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values) connection.Dispose();
        _connections.Clear();
    }
}
