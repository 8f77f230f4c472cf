using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace AwsAccess.Tests;

/// <summary>
/// The build's SigV4A signer against AWS's own JavaScript implementation: the same derived key, our verifier accepts
/// the library's signatures, the library's verification accepts ours. ECDSA signatures differ on every run, so
/// signatures are compared by verification, never by value.
/// </summary>
public sealed class SigV4aTests
{
    const string Service = "cloudfront-keyvaluestore";
    static readonly ImmutableCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");
    static readonly DateTimeOffset SignedAt = new(2026, 11, 30, 22, 15, 30, TimeSpan.Zero);

    static SignableRequest PutLiveRelease(string value = "release-42") => new(
        HttpMethod.Put,
        new Uri("https://123456789012.cloudfront-kvs.global.api.aws/key-value-stores/arn%3Aaws%3Acloudfront%3A%3A123456789012%3Akey-value-store%2Fa1b2c3d4/keys/live%20release?probe=a%20b&probe=%2B"),
        [new("Content-Type", "application/json"), new("If-Match", "ETAG1")],
        Encoding.UTF8.GetBytes($$"""{"Value":"{{value}}"}"""));

    [Theory]
    [InlineData("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")]
    [InlineData("AKIALOCALBUILD00000", "local-build-secret")]
    public async Task The_derived_key_is_the_one_the_JavaScript_library_derives(string accessKeyId, string secret)
    {
        var js = await SigV4aOracle.AskAsync(new JsonObject { ["op"] = "derive", ["accessKeyId"] = accessKeyId, ["secretAccessKey"] = secret });
        using var key = SigV4aKey.Derive(accessKeyId, secret);
        Assert.Equal(js["privateKey"]!.GetValue<string>(), Convert.ToHexStringLower(SigV4aKey.DerivePrivateScalar(accessKeyId, secret)));
        Assert.Equal(js["publicKey"]!.GetValue<string>(), Convert.ToHexStringLower(SigV4aKey.PublicKey(key)));
    }

    [Fact]
    public void The_derived_key_matches_the_published_CRT_test_vector()
    {
        // aws-crt's EccKeyPair test: this access key pair derives exactly this private scalar.
        Assert.Equal("7fd3bd010c0d9c292141c2b77bfbde1042c92e6836fff749d1269ec890fca1bd",
            Convert.ToHexStringLower(SigV4aKey.DerivePrivateScalar("AKISORANDOMAASORANDOM", "q+jcrXGc+0zWN6uzclKVhvMmUsIfRPa4rlRandom")));
    }

    [Fact]
    public async Task A_request_the_JavaScript_library_signed_verifies_here_and_a_changed_one_does_not()
    {
        var request = PutLiveRelease();
        var js = await SigV4aOracle.AskAsync(new JsonObject
        {
            ["op"] = "sign", ["request"] = SigV4aOracle.Request(request), ["service"] = Service, ["regionSet"] = "*", ["date"] = SignedAt.ToString("O"),
            ["credentials"] = new JsonObject { ["accessKeyId"] = Credentials.AccessKey, ["secretAccessKey"] = Credentials.SecretKey, ["sessionToken"] = Credentials.Token },
        });
        var added = js["headers"]!.AsObject().Select(h => KeyValuePair.Create(h.Key, h.Value!.GetValue<string>())).ToList();
        Assert.StartsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20261130/cloudfront-keyvaluestore/aws4_request", added.Single(h => h.Key == "authorization").Value);

        Assert.True(SigV4aSigner.Verify(request with { Headers = [.. request.Headers, .. added] }, Credentials.SecretKey));
        Assert.False(SigV4aSigner.Verify(PutLiveRelease("release-41") with { Headers = [.. request.Headers, .. added] }, Credentials.SecretKey));
        Assert.False(SigV4aSigner.Verify(request with { Headers = [.. request.Headers, .. added] }, "another-secret"));
    }

    [Fact]
    public async Task A_request_signed_here_verifies_with_the_JavaScript_library_and_a_changed_one_does_not()
    {
        var request = PutLiveRelease();
        var added = SigV4aSigner.Sign(request, Credentials, Service, "*", SignedAt);
        var signed = request with { Headers = [.. request.Headers, .. added] };
        Assert.Contains(added, h => h is { Key: "X-Amz-Region-Set", Value: "*" });

        async Task<bool> VerifiesAsync(SignableRequest candidate) =>
            (await SigV4aOracle.AskAsync(new JsonObject
            {
                ["op"] = "verify", ["request"] = SigV4aOracle.Request(candidate), ["secretAccessKey"] = Credentials.SecretKey, ["sessionToken"] = Credentials.Token,
            }))["ok"]!.GetValue<bool>();

        Assert.True(await VerifiesAsync(signed));
        Assert.False(await VerifiesAsync(PutLiveRelease("release-41") with { Headers = signed.Headers }));
        Assert.False(await VerifiesAsync(signed with { Headers = [.. signed.Headers.Where(h => h.Key != "If-Match"), new("If-Match", "ETAG2")] }));
    }

    [Fact]
    public void Two_signatures_of_one_request_differ_and_both_verify()
    {
        var request = PutLiveRelease();
        var first = SigV4aSigner.Sign(request, Credentials, Service, "*", SignedAt);
        var second = SigV4aSigner.Sign(request, Credentials, Service, "*", SignedAt);
        Assert.NotEqual(first.Single(h => h.Key == "Authorization").Value, second.Single(h => h.Key == "Authorization").Value);
        Assert.True(SigV4aSigner.Verify(request with { Headers = [.. request.Headers, .. first] }, Credentials.SecretKey));
        Assert.True(SigV4aSigner.Verify(request with { Headers = [.. request.Headers, .. second] }, Credentials.SecretKey));
    }
}
