using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Polly;

namespace AwsAccess;

/// <summary>
/// Sends REST calls to a service that has no AWS SDK package here (Lambda, CloudFront), signed with
/// AWSSDK.Core's public SigV4 signer, retried by <see cref="AwsResilience"/>, errors mapped to <see cref="AwsApiException"/>.
/// </summary>
internal sealed class SignedHttpSender : IDisposable
{
    private readonly AWSCredentials _credentials;
    private readonly ServiceEndpoint _endpoint;
    private readonly ResiliencePipeline _pipeline;
    private readonly HttpClient _http;

    public SignedHttpSender(AWSCredentials credentials, ServiceEndpoint endpoint, RetryOptions retry)
    {
        _credentials = credentials;
        _endpoint = endpoint;
        _pipeline = AwsResilience.Build(retry);
        // No auto-redirect: a followed redirect would replay a signature made for another URL.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public ServiceEndpoint Endpoint => _endpoint;

    public async Task<AwsHttpResponse> SendAsync(AwsCall call, AwsHttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await SendOnceAsync(call, request, token), cancellationToken);
        }
        catch (AmazonClientException error) when (SdkCall.IsMissingCredentials(error))
        {
            throw NoCredentials.Exception(error);
        }
        catch (HttpRequestException error)
        {
            throw EndpointUnreachable.Exception(call, _endpoint, error);
        }
        catch (Polly.Timeout.TimeoutRejectedException error)
        {
            throw new AwsAccessException($"{call.Service} {call.Operation} timed out on every attempt at {_endpoint.Url}: check the network or the endpoint, then run again.", error);
        }
    }

    private async Task<AwsHttpResponse> SendOnceAsync(AwsCall call, AwsHttpRequest request, CancellationToken cancellationToken)
    {
        var uri = BuildUri(request);
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = uri, Content = request.Body };
        if (request.ContentType is not null) signing.Headers["Content-Type"] = request.ContentType;
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = _credentials,
            Region = RegionEndpoint.GetBySystemName(_endpoint.SigningRegion),
            Service = _endpoint.Service.SigningName,
        }, cancellationToken);

        using var message = new HttpRequestMessage(request.Method, uri);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in signed.Headers) message.Headers.TryAddWithoutValidation(name, value);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsErrorBody.Parse(call, response.StatusCode, Header(response.Headers, "x-amzn-ErrorType"),
                Header(response.Headers, "x-amzn-RequestId") ?? Header(response.Headers, "x-amz-request-id"), body);
        }
        return new AwsHttpResponse(response.StatusCode, body, Header(response.Headers, "ETag"), response.Headers.Location?.ToString());
    }

    private Uri BuildUri(AwsHttpRequest request)
    {
        var basePath = _endpoint.Url.AbsolutePath.TrimEnd('/');
        var query = string.Join('&', request.Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        // Built as a string: UriBuilder.Path would escape the '%' of already-escaped labels again.
        var authority = _endpoint.Url.GetLeftPart(UriPartial.Authority);
        return new Uri(authority + basePath + request.Path + (query.Length > 0 ? "?" + query : ""));
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
