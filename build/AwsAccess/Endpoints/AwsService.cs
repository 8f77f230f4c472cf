namespace AwsAccess;

/// <summary>
/// An AWS service as the endpoint and signing rules see it: the SDKs' service id (which names the
/// AWS_ENDPOINT_URL_&lt;ID&gt; variable), the SigV4 signing name, and for global services the one host
/// and the region it is signed for.
/// </summary>
public sealed record AwsService(string ServiceId, string SigningName, string EndpointPrefix, string? GlobalHost = null, string? GlobalSigningRegion = null)
{
    public static AwsService S3 { get; } = new("S3", "s3", "s3");
    public static AwsService Sts { get; } = new("STS", "sts", "sts");
    public static AwsService Kms { get; } = new("KMS", "kms", "kms");
    public static AwsService Lambda { get; } = new("Lambda", "lambda", "lambda");
    public static AwsService CloudFront { get; } = new("CloudFront", "cloudfront", "cloudfront", "cloudfront.amazonaws.com", "us-east-1");

    /// <summary>The KeyValueStore data plane: global, SigV4A for region set "*", one host per account (&lt;account&gt;.cloudfront-kvs.global.api.aws).</summary>
    public static AwsService CloudFrontKeyValueStore { get; } = new("CloudFront KeyValueStore", "cloudfront-keyvaluestore", "cloudfront-kvs", "cloudfront-kvs.global.api.aws", "us-east-1");

    /// <summary>AWS_ENDPOINT_URL_ + the service id upper-cased with spaces as underscores (the SDKs' convention).</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + ServiceId.ToUpperInvariant().Replace(' ', '_');
}
