using System.Globalization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AwsAccess.Tests;

/// <summary>
/// What arrives on the wire is what was signed: re-signing the received request (host with port, path,
/// query, content type, body) at its own X-Amz-Date reproduces its Authorization header. A client that
/// sent a different host, content type or body than it signed would be rejected by AWS; this catches it here.
/// </summary>
public sealed class SignatureTests
{
    [Theory]
    [InlineData("update-code")]
    [InlineData("configuration-qualifier")]
    [InlineData("invalidation")]
    public async Task The_received_request_verifies_against_its_signature(string call)
    {
        using var server = new RecordingServer();
        var session = TestSessions.For(server);
        using var lambda = session.CreateLambda("eu-central-1");
        using var cloudFront = session.CreateCloudFront();
        Task work = call switch
        {
            "update-code" => lambda.UpdateFunctionCodeAsync(CannedAws.FunctionName, new S3CodeLocation("b", "k/x+y.zip"), CannedAws.RevisionId, TestContext.Current),
            "configuration-qualifier" => lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, "live", TestContext.Current),
            _ => cloudFront.CreateInvalidationAsync("E1DEVEXAMPLE00", ["/a b/*", "/index.html"], "r", TestContext.Current),
        };
        await work;

        var received = Assert.Single(server.Requests);
        var (region, service) = received.Scope;
        var signing = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(received.Method),
            RequestUri = new Uri($"http://{received.Header("host")}{received.Path}{(received.Query.Length > 0 ? "?" + received.Query : "")}"),
            Content = received.Body.Length > 0 ? received.Body : null,
        };
        if (received.SignedHeaders.Contains("content-type")) signing.Headers["Content-Type"] = received.Header("content-type")!;
        var again = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = new SessionAWSCredentials(TestSessions.AccessKey, TestSessions.SecretKey, TestSessions.SessionToken),
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = DateTime.ParseExact(received.Header("x-amz-date")!, "yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        }, TestContext.Current);
        Assert.Equal(received.Header("authorization"), again.Headers.Single(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value);
    }
}
