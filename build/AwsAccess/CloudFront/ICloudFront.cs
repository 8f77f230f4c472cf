namespace AwsAccess;

/// <summary>The CloudFront operations a deploy uses.</summary>
public interface ICloudFront
{
    Task<DistributionInfo> GetDistributionAsync(string distributionId, CancellationToken cancellationToken);

    /// <summary>Starts an invalidation; <paramref name="callerReference"/> makes a retried request idempotent.</summary>
    Task<Invalidation> CreateInvalidationAsync(string distributionId, IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken);

    Task<Invalidation> GetInvalidationAsync(string distributionId, string invalidationId, CancellationToken cancellationToken);

    /// <summary>Polls until the invalidation is Completed; a timeout is a one-line error.</summary>
    Task<Invalidation> WaitForInvalidationAsync(string distributionId, string invalidationId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken);
}
