namespace AwsAccess.Tests;

public sealed class CloudFrontClientTests
{
    [Fact]
    public async Task An_invalidation_is_created_then_waited_for()
    {
        var statuses = new Queue<string>(["InProgress", "InProgress", "Completed"]);
        using var server = new RecordingServer(request => request.Method == "GET"
            ? CannedResponse.Xml(200, CannedAws.InvalidationXml(statuses.Dequeue()))
            : CannedAws.Respond(request));
        using var cloudFront = TestSessions.For(server).CreateCloudFront();
        var created = await cloudFront.CreateInvalidationAsync("E1DEVEXAMPLE00", ["/index.html"], "ref-1", TestContext.Current);
        Assert.Equal(("I2J0I21PCUYOIK", "InProgress"), (created.Id, created.Status));
        Assert.Equal(["/index.html"], created.Paths);
        var done = await cloudFront.WaitForInvalidationAsync("E1DEVEXAMPLE00", created.Id, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), TestContext.Current);
        Assert.True(done.IsCompleted);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(("us-east-1", "cloudfront"), server.Requests[0].Scope);
    }

    [Fact]
    public async Task Waiting_past_the_timeout_is_a_one_line_error()
    {
        using var server = new RecordingServer(_ => CannedResponse.Xml(200, CannedAws.InvalidationXml("InProgress")));
        using var cloudFront = TestSessions.For(server).CreateCloudFront();
        var error = await Assert.ThrowsAsync<AwsAccessException>(() =>
            cloudFront.WaitForInvalidationAsync("E1DEVEXAMPLE00", "I2J0I21PCUYOIK", TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TestContext.Current));
        Assert.Contains("still InProgress", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_distribution_is_read_with_its_etag_and_a_missing_one_is_named()
    {
        using var server = new RecordingServer();
        using var cloudFront = TestSessions.For(server).CreateCloudFront();
        var distribution = await cloudFront.GetDistributionAsync("E1DEVEXAMPLE00", TestContext.Current);
        Assert.Equal(("E1DEVEXAMPLE00", "Deployed", "d111111abcdef8.cloudfront.net", "E2QWRUHEXAMPLE"),
            (distribution.Id, distribution.Status, distribution.DomainName, distribution.ETag));

        server.Respond = _ => CannedResponse.Xml(404,
            """<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>NoSuchDistribution</Code><Message>The specified distribution does not exist.</Message></Error></ErrorResponse>""");
        var error = await Assert.ThrowsAsync<AwsApiException>(() => cloudFront.GetDistributionAsync("E1NOPE", TestContext.Current));
        Assert.StartsWith("CloudFront distribution E1NOPE does not exist", error.Message);
    }

    [Fact]
    public async Task No_paths_is_refused_before_calling()
    {
        using var server = new RecordingServer();
        using var cloudFront = TestSessions.For(server).CreateCloudFront();
        await Assert.ThrowsAsync<AwsAccessException>(() => cloudFront.CreateInvalidationAsync("E1DEVEXAMPLE00", [], "ref", TestContext.Current));
        Assert.Empty(server.Requests);
    }
}
