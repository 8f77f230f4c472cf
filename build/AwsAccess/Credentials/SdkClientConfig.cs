using Amazon;
using Amazon.Runtime;

namespace AwsAccess;

/// <summary>
/// Gives an AWS SDK client the endpoint our resolver chose, so SDK clients (S3, STS, KMS) and our signed
/// HTTP clients (Lambda, CloudFront) always talk to the same place.
/// </summary>
internal static class SdkClientConfig
{
    public static T Apply<T>(T config, ServiceEndpoint endpoint, RetryOptions retry) where T : ClientConfig
    {
        if (endpoint.IsOverridden)
        {
            config.ServiceURL = endpoint.Url.ToString();
            config.AuthenticationRegion = endpoint.SigningRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(endpoint.SigningRegion);
        }
        // Our resolver already read AWS_ENDPOINT_URL*; the SDK must not apply its own (process) view on top.
        config.IgnoreConfiguredEndpointUrls = true;
        config.MaxErrorRetry = Math.Max(0, retry.MaxAttempts - 1);
        config.Timeout = retry.AttemptTimeout;
        return config;
    }
}
