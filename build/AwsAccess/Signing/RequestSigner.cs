using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AwsAccess;

/// <summary>Signs one attempt of a hand-built REST call: returns every header the request goes out with.</summary>
internal interface IRequestSigner
{
    Task<IEnumerable<KeyValuePair<string, string>>> SignAsync(HttpMethod method, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body, CancellationToken cancellationToken);
}

/// <summary>SigV4 with AWSSDK.Core's public signer, for the region the endpoint is signed for (Lambda, CloudFront).</summary>
internal sealed class SigV4RequestSigner(AWSCredentials credentials, ServiceEndpoint endpoint) : IRequestSigner
{
    public async Task<IEnumerable<KeyValuePair<string, string>>> SignAsync(HttpMethod method, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = url, Content = body };
        foreach (var (name, value) in headers) signing.Headers[name] = value;
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(endpoint.SigningRegion),
            Service = endpoint.Service.SigningName,
        }, cancellationToken);
        return signed.Headers;
    }
}

/// <summary>SigV4A (<see cref="SigV4aSigner"/>) for a region set, with the credentials current at each attempt.</summary>
internal sealed class SigV4aRequestSigner(AWSCredentials credentials, string service, string regionSet, TimeProvider clock) : IRequestSigner
{
    public async Task<IEnumerable<KeyValuePair<string, string>>> SignAsync(HttpMethod method, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body, CancellationToken cancellationToken)
    {
        var current = await credentials.GetCredentialsAsync();
        return [.. headers, .. SigV4aSigner.Sign(new SignableRequest(method, url, headers, body), current, service, regionSet, clock.GetUtcNow())];
    }
}
