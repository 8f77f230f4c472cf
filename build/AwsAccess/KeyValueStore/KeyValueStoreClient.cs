using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;

namespace AwsAccess;

/// <summary>
/// The CloudFront KeyValueStore data plane (REST-JSON, signed with SigV4A for region set "*") at
/// https://&lt;account&gt;.cloudfront-kvs.global.api.aws, or at an AWS_ENDPOINT_URL(_CLOUDFRONT_KEYVALUESTORE)
/// override used as given (the local cloud serves every account on one port). Retries throttling and 5xx.
/// </summary>
public sealed class KeyValueStoreClient : IKeyValueStore, IDisposable
{
    private const string Json = "application/json";
    private static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly SignedHttpSender _sender;

    internal KeyValueStoreClient(AWSCredentials credentials, ServiceEndpoint endpoint, RetryOptions retry, TimeProvider? clock = null) =>
        _sender = new SignedHttpSender(credentials, endpoint, retry,
            new SigV4aRequestSigner(credentials, endpoint.Service.SigningName, "*", clock ?? TimeProvider.System));

    public ServiceEndpoint Endpoint => _sender.Endpoint;

    public async Task<KeyValueStoreInfo> DescribeAsync(string kvsArn, CancellationToken cancellationToken)
    {
        var response = await SendAsync("DescribeKeyValueStore", kvsArn, AwsHttpRequest.Get(Store(kvsArn)), cancellationToken);
        var body = Read<DescribeBody>(response);
        return new KeyValueStoreInfo(body.KvsARN ?? kvsArn, RequireETag(response, "DescribeKeyValueStore", kvsArn), body.ItemCount, body.TotalSizeInBytes,
            body.Status, FromEpoch(body.Created), FromEpoch(body.LastModified));
    }

    public async Task<string?> GetKeyAsync(string kvsArn, string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync("GetKey", kvsArn, AwsHttpRequest.Get(Key(kvsArn, key)), cancellationToken);
            return Read<EntryBody>(response).Value;
        }
        catch (AwsApiException error) when (error.Code == "ResourceNotFoundException")
        {
            // The same code says "no such store": Describe tells the two apart (and throws for a missing store).
            await DescribeAsync(kvsArn, cancellationToken);
            return null;
        }
    }

    public async Task<IReadOnlyList<KeyValueEntry>> ListKeysAsync(string kvsArn, CancellationToken cancellationToken)
    {
        var entries = new List<KeyValueEntry>();
        string? next = null;
        do
        {
            var query = next is null ? [] : new[] { KeyValuePair.Create("NextToken", next) };
            var page = Read<ListBody>(await SendAsync("ListKeys", kvsArn, AwsHttpRequest.Get(Store(kvsArn) + "/keys", query), cancellationToken));
            entries.AddRange((page.Items ?? []).Select(i => new KeyValueEntry(i.Key ?? "", i.Value ?? "")));
            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        } while (next is not null);
        return entries;
    }

    public Task<string> PutKeyAsync(string kvsArn, string key, string value, string ifMatch, CancellationToken cancellationToken) =>
        WriteAsync("PutKey", kvsArn, HttpMethod.Put, Key(kvsArn, key), new { Value = value }, ifMatch, cancellationToken);

    public Task<string> UpdateKeysAsync(string kvsArn, IReadOnlyList<KeyValueEntry> puts, IReadOnlyList<string> deletes, string ifMatch, CancellationToken cancellationToken) =>
        WriteAsync("UpdateKeys", kvsArn, HttpMethod.Post, Store(kvsArn) + "/keys",
            new { Puts = puts.Count > 0 ? puts : null, Deletes = deletes.Count > 0 ? deletes.Select(k => new { Key = k }) : null }, ifMatch, cancellationToken);

    private async Task<string> WriteAsync(string operation, string kvsArn, HttpMethod method, string path, object body, string ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
            throw new AwsAccessException($"{operation} on {kvsArn} needs the store's current ETag: read it with DescribeKeyValueStore first.");
        var request = new AwsHttpRequest(method, path, [], JsonSerializer.SerializeToUtf8Bytes(body, Wire), Json, [new("If-Match", ifMatch)]);
        try
        {
            return RequireETag(await SendAsync(operation, kvsArn, request, cancellationToken), operation, kvsArn);
        }
        catch (AwsApiException error) when (error.Code == "ConflictException" || error.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new KeyValueStoreConflictException(kvsArn, ifMatch, error);
        }
    }

    private Task<AwsHttpResponse> SendAsync(string operation, string kvsArn, AwsHttpRequest request, CancellationToken cancellationToken)
    {
        return _sender.SendAsync(new AwsCall("cloudfront-keyvaluestore", operation, "global", kvsArn), request, BaseUrlFor(kvsArn), cancellationToken);
    }

    /// <summary>AWS's host for the store's account, or the override as given.</summary>
    internal Uri BaseUrlFor(string kvsArn)
    {
        var account = KeyValueStoreArn.AccountOf(kvsArn);
        return Endpoint.IsOverridden ? Endpoint.Url : new Uri($"https://{account}.{Endpoint.Url.Host}");
    }

    private static string Store(string kvsArn) => "/key-value-stores/" + AwsHttpRequest.Label(kvsArn);

    private static string Key(string kvsArn, string key) => Store(kvsArn) + "/keys/" + AwsHttpRequest.Label(key);

    private static string RequireETag(AwsHttpResponse response, string operation, string kvsArn) =>
        string.IsNullOrEmpty(response.ETag)
            ? throw new AwsAccessException($"KeyValueStore {operation} on {kvsArn} answered without an ETag: check AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE points at the KeyValueStore API.")
            : response.ETag;

    private static T Read<T>(AwsHttpResponse response)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, Wire) ?? throw new JsonException("empty body");
        }
        catch (JsonException error)
        {
            throw new AwsAccessException($"KeyValueStore answered with JSON we cannot read ({error.Message}): check AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE points at the KeyValueStore API.", error);
        }
    }

    /// <summary>REST-JSON timestamps are epoch seconds (fractional allowed).</summary>
    private static DateTimeOffset? FromEpoch(double? seconds) =>
        seconds is null ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds.Value * 1000));

    public void Dispose() => _sender.Dispose();

    private sealed record DescribeBody(long ItemCount, long TotalSizeInBytes, string? KvsARN, double? Created, double? LastModified, string? Status);
    private sealed record EntryBody(string? Key, string? Value);
    private sealed record ListBody(string? NextToken, IReadOnlyList<EntryBody>? Items);
}
