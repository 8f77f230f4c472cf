using System.Net.Http.Headers;
using Amazon.Runtime;
using Polly;

namespace AwsAccess;

/// <summary>
/// Sends REST calls to a service that has no AWS SDK package here (Lambda, CloudFront, CloudFront KeyValueStore),
/// signed per attempt (AWSSDK.Core's SigV4 signer by default, or SigV4A), retried by <see cref="AwsResilience"/>, errors mapped to <see cref="AwsApiException"/>.
/// </summary>
internal sealed class SignedHttpSender : IDisposable
{
    private readonly IRequestSigner _signer;
    private readonly ServiceEndpoint _endpoint;
    private readonly ResiliencePipeline _pipeline;
    private readonly HttpClient _http;

    public SignedHttpSender(AWSCredentials credentials, ServiceEndpoint endpoint, RetryOptions retry, IRequestSigner? signer = null)
    {
        _signer = signer ?? new SigV4RequestSigner(credentials, endpoint);
        _endpoint = endpoint;
        _pipeline = AwsResilience.Build(retry);
        // No auto-redirect: a followed redirect would replay a signature made for another URL.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public ServiceEndpoint Endpoint => _endpoint;

    public async Task<AwsHttpResponse> SendAsync(AwsCall call, AwsHttpRequest request, CancellationToken cancellationToken) =>
        await SendAsync(call, request, _endpoint.Url, cancellationToken);

    /// <summary>Sends to <paramref name="baseUrl"/> instead of the endpoint's URL (a host per account, as KeyValueStore's).</summary>
    public async Task<AwsHttpResponse> SendAsync(AwsCall call, AwsHttpRequest request, Uri baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await SendOnceAsync(call, request, baseUrl, token), cancellationToken);
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

    private async Task<AwsHttpResponse> SendOnceAsync(AwsCall call, AwsHttpRequest request, Uri baseUrl, CancellationToken cancellationToken)
    {
        var uri = BuildUri(baseUrl, request);
        List<KeyValuePair<string, string>> headers = [.. request.Headers ?? []];
        if (request.ContentType is not null) headers.Add(new("Content-Type", request.ContentType));
        var signed = await _signer.SignAsync(request.Method, uri, headers, request.Body, cancellationToken);

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
        foreach (var (name, value) in signed) message.Headers.TryAddWithoutValidation(name, value);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AwsErrorBody.Parse(call, response.StatusCode, Header(response.Headers, "x-amzn-ErrorType"),
                Header(response.Headers, "x-amzn-RequestId") ?? Header(response.Headers, "x-amz-request-id"), body);
        }
        return new AwsHttpResponse(response.StatusCode, body, Header(response.Headers, "ETag"), response.Headers.Location?.ToString());
    }

    private static Uri BuildUri(Uri baseUrl, AwsHttpRequest request)
    {
        var basePath = baseUrl.AbsolutePath.TrimEnd('/');
        var query = string.Join('&', request.Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        // Built as a string: UriBuilder.Path would escape the '%' of already-escaped labels again.
        var authority = baseUrl.GetLeftPart(UriPartial.Authority);
        return new Uri(authority + basePath + request.Path + (query.Length > 0 ? "?" + query : ""));
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
