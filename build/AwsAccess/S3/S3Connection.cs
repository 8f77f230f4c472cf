using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AwsAccess;

/// <summary>
/// An S3 client for one region, configured for the endpoint our resolver chose: path-style addressing
/// for overridden endpoints (local servers have no bucket subdomains) and, over plain HTTP, unchunked
/// bodies (simple S3 servers store aws-chunked framing verbatim). Use <see cref="Prepare"/> on every PutObject.
/// </summary>
public sealed class S3Connection : IDisposable
{
    internal S3Connection(AWSCredentials credentials, ServiceEndpoint endpoint, RetryOptions retry)
    {
        Endpoint = endpoint;
        var config = SdkClientConfig.Apply(new AmazonS3Config(), endpoint, retry);
        if (endpoint.IsOverridden) config.ForcePathStyle = true;
        if (endpoint.IsPlainHttp)
        {
            // Checksums only when an operation requires them: the flexible-checksum trailer forces aws-chunked bodies.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        Client = new AmazonS3Client(credentials, config);
    }

    public IAmazonS3 Client { get; }
    public ServiceEndpoint Endpoint { get; }
    public string Region => Endpoint.SigningRegion;
    public bool UseChunkEncoding => !Endpoint.IsPlainHttp;

    /// <summary>Applies the endpoint's body encoding to a PutObject request and returns it.</summary>
    public PutObjectRequest Prepare(PutObjectRequest request)
    {
        request.UseChunkEncoding = UseChunkEncoding;
        return request;
    }

    public void Dispose() => Client.Dispose();
}
