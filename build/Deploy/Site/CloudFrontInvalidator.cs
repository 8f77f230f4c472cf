using AwsAccess;

namespace Deploy.Site;

/// <summary>Invalidates through CloudFront and waits for completion, so stale objects are deleted only once no edge serves them.</summary>
public sealed class CloudFrontInvalidator(ICloudFront cloudFront, string distributionId, TimeSpan? pollInterval = null, TimeSpan? timeout = null) : ISiteInvalidator
{
    public async Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken)
    {
        var started = await cloudFront.CreateInvalidationAsync(distributionId, paths, callerReference, cancellationToken);
        if (started.IsCompleted) return;
        await cloudFront.WaitForInvalidationAsync(distributionId, started.Id,
            pollInterval ?? TimeSpan.FromSeconds(10), timeout ?? TimeSpan.FromMinutes(20), cancellationToken);
    }
}
