namespace AwsAccess;

/// <summary>Where to send a service's requests and which region to sign them for.</summary>
/// <param name="Source">What decided the URL: the variable's name, or "default" for the real AWS endpoint.</param>
public sealed record ServiceEndpoint(AwsService Service, Uri Url, string SigningRegion, string Source)
{
    public bool IsOverridden => Source != "default";

    /// <summary>Plain HTTP endpoints are local servers (s3rver, the local cloud), which need unchunked S3 bodies.</summary>
    public bool IsPlainHttp => Url.Scheme == Uri.UriSchemeHttp;
}
