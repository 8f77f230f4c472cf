using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace AwsAccess.Tests;

/// <summary>
/// The KeyValueStore client on a real socket against a small store that keeps ETag semantics: what goes on the wire
/// (path, If-Match, JSON body, a SigV4A signature AWS's JavaScript library accepts), conflicts, retries, paging.
/// </summary>
public sealed class KeyValueStoreClientTests
{
    const string Arn = "arn:aws:cloudfront::123456789012:key-value-store/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
    const string EscapedArn = "arn%3Aaws%3Acloudfront%3A%3A123456789012%3Akey-value-store%2Fa1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    /// <summary>A store as the API describes it: every write names the current ETag and gets a new one.</summary>
    sealed class FakeStore
    {
        readonly Dictionary<string, string> _items = new(StringComparer.Ordinal);
        int _version = 1;
        public string ETag => $"KV{_version:D4}";
        public int PageSize { get; init; } = 50;

        public CannedResponse Respond(RecordedRequest request)
        {
            var prefix = $"/key-value-stores/{EscapedArn}";
            if (!request.Path.StartsWith(prefix, StringComparison.Ordinal)) return Error(404, "ResourceNotFoundException", "no such store");
            var rest = request.Path[prefix.Length..];
            var headers = new Dictionary<string, string> { ["ETag"] = ETag };
            if (request.Method == "GET" && rest == "")
                return new(200, $$"""{"ItemCount":{{_items.Count}},"TotalSizeInBytes":0,"KvsARN":"{{Arn}}","Created":1.7E9,"Status":"READY"}""", Headers: headers);
            if (request.Method == "GET" && rest == "/keys")
            {
                var start = int.Parse(Uri.UnescapeDataString(request.Query.Split('&').FirstOrDefault(q => q.StartsWith("NextToken="))?["NextToken=".Length..] ?? "0"));
                var page = _items.OrderBy(i => i.Key, StringComparer.Ordinal).Skip(start).Take(PageSize).ToList();
                var next = start + PageSize < _items.Count ? $"\"NextToken\":\"{start + PageSize}\"," : "";
                return new(200, $$"""{{{next}}"Items":{{JsonSerializer.Serialize(page.Select(i => new { Key = i.Key, Value = i.Value }))}}}""");
            }
            var key = Uri.UnescapeDataString(rest["/keys/".Length..]);
            if (request.Method == "GET")
                return _items.TryGetValue(key, out var value) ? new(200, JsonSerializer.Serialize(new { Key = key, Value = value, ItemCount = _items.Count, TotalSizeInBytes = 0 })) : Error(404, "ResourceNotFoundException", "no such key");
            if (request.Header("if-match") != ETag) return Error(409, "ConflictException", "Pre-Condition failed");
            _items[key] = JsonNode.Parse(request.BodyText)!["Value"]!.GetValue<string>();
            _version++;
            return new(200, $$"""{"ItemCount":{{_items.Count}},"TotalSizeInBytes":0}""", Headers: new Dictionary<string, string> { ["ETag"] = ETag });
        }

        static CannedResponse Error(int status, string code, string message) =>
            new(status, JsonSerializer.Serialize(new { message }), Headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = code });
    }

    static KeyValueStoreClient Client(RecordingServer server) => TestSessions.For(server).CreateKeyValueStore();

    [Fact]
    public async Task A_put_names_the_ETag_returns_the_new_one_and_is_signed_with_SigV4A_as_AWS_checks_it()
    {
        var store = new FakeStore();
        using var server = new RecordingServer(store.Respond);
        using var kvs = Client(server);

        var described = await kvs.DescribeAsync(Arn, TestContext.Current);
        var etag = await kvs.PutKeyAsync(Arn, "live release", "r-42", described.ETag, TestContext.Current);

        Assert.Equal(store.ETag, etag);
        Assert.NotEqual(described.ETag, etag);
        Assert.Equal("r-42", await kvs.GetKeyAsync(Arn, "live release", TestContext.Current));
        var put = server.Requests.Single(r => r.Method == "PUT");
        Assert.Equal($"/key-value-stores/{EscapedArn}/keys/live%20release", put.Path);
        Assert.Equal(described.ETag, put.Header("if-match"));
        Assert.Equal("*", put.Header("x-amz-region-set"));
        Assert.Equal("r-42", JsonNode.Parse(put.BodyText)!["Value"]!.GetValue<string>());
        Assert.StartsWith($"AWS4-ECDSA-P256-SHA256 Credential={TestSessions.AccessKey}/", put.Header("authorization"));

        var asReceived = new JsonObject
        {
            ["method"] = put.Method,
            ["url"] = $"http://{put.Header("host")}{put.Path}",
            ["headers"] = new JsonObject(put.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
            ["body"] = Convert.ToBase64String(put.Body),
        };
        var verdict = await SigV4aOracle.AskAsync(new JsonObject { ["op"] = "verify", ["request"] = asReceived, ["secretAccessKey"] = TestSessions.SecretKey, ["sessionToken"] = TestSessions.SessionToken });
        Assert.True(verdict["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_stale_ETag_is_a_conflict_the_deploy_can_catch_and_is_not_retried()
    {
        var store = new FakeStore();
        using var server = new RecordingServer(store.Respond);
        using var kvs = Client(server);
        var stale = (await kvs.DescribeAsync(Arn, TestContext.Current)).ETag;
        await kvs.PutKeyAsync(Arn, "live", "r-1", stale, TestContext.Current);

        var conflict = await Assert.ThrowsAsync<KeyValueStoreConflictException>(() => kvs.PutKeyAsync(Arn, "live", "r-2", stale, TestContext.Current));
        Assert.Equal(stale, conflict.StaleETag);
        Assert.Contains("read it again", conflict.Message);
        Assert.DoesNotContain('\n', conflict.Message);
        Assert.Equal("r-1", await kvs.GetKeyAsync(Arn, "live", TestContext.Current));
        Assert.Equal(2, server.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried()
    {
        var store = new FakeStore();
        var failures = new Queue<CannedResponse>([
            new(429, """{"message":"Rate exceeded"}""", Headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ThrottlingException" }),
            new(500, """{"message":"oops"}""", Headers: new Dictionary<string, string> { ["x-amzn-ErrorType"] = "InternalServerException" }),
        ]);
        using var server = new RecordingServer(request => request.Method == "PUT" && failures.TryDequeue(out var failure) ? failure : store.Respond(request));
        using var kvs = Client(server);
        var etag = await kvs.PutKeyAsync(Arn, "live", "r-1", store.ETag, TestContext.Current);
        Assert.Equal(store.ETag, etag);
        Assert.Equal(3, server.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task Listing_follows_NextToken_and_a_missing_key_reads_as_null()
    {
        var store = new FakeStore { PageSize = 2 };
        using var server = new RecordingServer(store.Respond);
        using var kvs = Client(server);
        foreach (var n in Enumerable.Range(1, 5)) await kvs.PutKeyAsync(Arn, $"release/{n}", $"{n}", store.ETag, TestContext.Current);

        var keys = await kvs.ListKeysAsync(Arn, TestContext.Current);
        Assert.Equal(["release/1", "release/2", "release/3", "release/4", "release/5"], keys.Select(k => k.Key));
        Assert.Equal(3, server.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/keys")));
        Assert.Null(await kvs.GetKeyAsync(Arn, "release/6", TestContext.Current));
    }

    [Fact]
    public async Task A_malformed_ARN_or_a_missing_ETag_is_one_line_and_sends_nothing()
    {
        using var server = new RecordingServer(new FakeStore().Respond);
        using var kvs = Client(server);
        var arn = await Assert.ThrowsAsync<AwsAccessException>(() => kvs.DescribeAsync("arn:aws:cloudfront::123456789012:distribution/E1", TestContext.Current));
        Assert.Contains("key-value-store/<id>", arn.Message);
        var etag = await Assert.ThrowsAsync<AwsAccessException>(() => kvs.PutKeyAsync(Arn, "live", "r", " ", TestContext.Current));
        Assert.Contains("DescribeKeyValueStore first", etag.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Without_an_override_each_account_has_its_own_host()
    {
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("a", "b"), "eu-central-1", new SessionOptions { Environment = AwsEnvironment.Empty });
        using var kvs = session.CreateKeyValueStore();
        Assert.Equal(new Uri("https://123456789012.cloudfront-kvs.global.api.aws"), kvs.BaseUrlFor(Arn));
        var overridden = AwsSession.FromCredentials(new BasicAWSCredentials("a", "b"), "eu-central-1",
            new SessionOptions { Environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE"] = "http://127.0.0.1:14566" }) });
        using var local = overridden.CreateKeyValueStore();
        Assert.Equal(new Uri("http://127.0.0.1:14566"), local.BaseUrlFor(Arn));
    }
}
