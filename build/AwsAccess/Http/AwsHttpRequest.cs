namespace AwsAccess;

/// <summary>One REST call before signing: method, path with escaped labels, query, body, headers of the operation (If-Match).</summary>
internal sealed record AwsHttpRequest(HttpMethod Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, byte[]? Body = null, string? ContentType = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public static AwsHttpRequest Get(string path, params KeyValuePair<string, string>[] query) => new(HttpMethod.Get, path, query);

    /// <summary>Escapes a URI label the way botocore does (everything but unreserved characters).</summary>
    public static string Label(string value) => Uri.EscapeDataString(value);
}

internal sealed record AwsHttpResponse(System.Net.HttpStatusCode Status, string Body, string? ETag, string? Location);
