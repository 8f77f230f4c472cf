using System.Xml;
using Amazon.Runtime;

namespace AwsAccess;

/// <summary>
/// CloudFront's REST-XML API (2020-05-31) over SigV4-signed HTTP (global endpoint, signed for us-east-1),
/// since AWSSDK.CloudFront is not available here.
/// </summary>
public sealed class CloudFrontClient : ICloudFront, IDisposable
{
    private const string ApiVersion = "/2020-05-31";
    private readonly SignedHttpSender _sender;
    private readonly TimeProvider _clock;

    internal CloudFrontClient(AWSCredentials credentials, ServiceEndpoint endpoint, RetryOptions retry, TimeProvider? clock = null)
    {
        _sender = new SignedHttpSender(credentials, endpoint, retry);
        _clock = clock ?? TimeProvider.System;
    }

    public ServiceEndpoint Endpoint => _sender.Endpoint;

    public async Task<DistributionInfo> GetDistributionAsync(string distributionId, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GetDistribution", distributionId, AwsHttpRequest.Get(Distribution(distributionId)), cancellationToken);
        return Parse(() => InvalidationXml.ReadDistribution(response.Body, response.ETag));
    }

    public async Task<Invalidation> CreateInvalidationAsync(string distributionId, IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken)
    {
        if (paths.Count == 0) throw new AwsAccessException($"No paths to invalidate on distribution {distributionId}: skip the invalidation when nothing changed.");
        var request = new AwsHttpRequest(HttpMethod.Post, Distribution(distributionId) + "/invalidation", [], InvalidationXml.Batch(paths, callerReference), null);
        var response = await SendAsync("CreateInvalidation", distributionId, request, cancellationToken);
        return Parse(() => InvalidationXml.ReadInvalidation(response.Body));
    }

    public async Task<Invalidation> GetInvalidationAsync(string distributionId, string invalidationId, CancellationToken cancellationToken)
    {
        var path = Distribution(distributionId) + "/invalidation/" + AwsHttpRequest.Label(invalidationId);
        var response = await SendAsync("GetInvalidation", distributionId, AwsHttpRequest.Get(path), cancellationToken);
        return Parse(() => InvalidationXml.ReadInvalidation(response.Body));
    }

    public async Task<Invalidation> WaitForInvalidationAsync(string distributionId, string invalidationId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + timeout;
        while (true)
        {
            var invalidation = await GetInvalidationAsync(distributionId, invalidationId, cancellationToken);
            if (invalidation.IsCompleted) return invalidation;
            if (_clock.GetUtcNow() >= deadline)
            {
                throw new AwsAccessException(
                    $"CloudFront invalidation {invalidationId} on {distributionId} is still {invalidation.Status} after {timeout.TotalSeconds:0}s: " +
                    "stale objects were kept; check it in the CloudFront console and run the deploy again.");
            }
            await Task.Delay(pollInterval, _clock, cancellationToken);
        }
    }

    private Task<AwsHttpResponse> SendAsync(string operation, string distributionId, AwsHttpRequest request, CancellationToken cancellationToken) =>
        _sender.SendAsync(new AwsCall("cloudfront", operation, "global", distributionId), request, cancellationToken);

    private static string Distribution(string distributionId) => $"{ApiVersion}/distribution/{AwsHttpRequest.Label(distributionId)}";

    private static T Parse<T>(Func<T> read)
    {
        try { return read(); }
        catch (XmlException error) { throw new AwsAccessException($"CloudFront answered with XML we cannot read ({error.Message}): check AWS_ENDPOINT_URL_CLOUDFRONT points at CloudFront.", error); }
    }

    public void Dispose() => _sender.Dispose();
}
