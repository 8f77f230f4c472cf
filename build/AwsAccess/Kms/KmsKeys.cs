using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace AwsAccess;

/// <summary>Resolves a key id, alias or ARN to the key ARN that SSE-KMS PutObjects must name, checking the key's region.</summary>
public interface IKmsKeys
{
    Task<string> ResolveKeyArnAsync(string region, string keyIdAliasOrArn, CancellationToken cancellationToken);
}

public sealed class KmsKeys : IKmsKeys
{
    private readonly AWSCredentials _credentials;
    private readonly EndpointResolver _endpoints;
    private readonly RetryOptions _retry;

    internal KmsKeys(AWSCredentials credentials, EndpointResolver endpoints, RetryOptions retry)
    {
        _credentials = credentials;
        _endpoints = endpoints;
        _retry = retry;
    }

    public async Task<string> ResolveKeyArnAsync(string region, string keyIdAliasOrArn, CancellationToken cancellationToken)
    {
        // A key ARN names its region: refuse a foreign one before asking (KMS would only say "not found").
        KmsKeyRegion.EnsureMatches(region, keyIdAliasOrArn, keyIdAliasOrArn);
        var endpoint = _endpoints.Resolve(AwsService.Kms, region);
        var config = SdkClientConfig.Apply(new AmazonKeyManagementServiceConfig(), endpoint, _retry);
        using var kms = new AmazonKeyManagementServiceClient(_credentials, config);
        var call = new AwsCall("kms", "DescribeKey", region, keyIdAliasOrArn);
        var response = await SdkCall.RunAsync(call, () => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyIdAliasOrArn }, cancellationToken), endpoint);
        var arn = response.KeyMetadata.Arn;
        KmsKeyRegion.EnsureMatches(region, arn, keyIdAliasOrArn);
        return arn;
    }
}
