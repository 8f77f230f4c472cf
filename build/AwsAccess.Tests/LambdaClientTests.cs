using System.Text.Json;

namespace AwsAccess.Tests;

public sealed class LambdaClientTests
{
    [Fact]
    public async Task Configuration_fields_a_deploy_reads_are_parsed()
    {
        using var server = new RecordingServer();
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var configuration = await lambda.GetFunctionAsync(CannedAws.FunctionName, TestContext.Current);
        Assert.Equal((CannedAws.CodeSha256, "$LATEST", "Active", "Successful", CannedAws.RevisionId),
            (configuration.CodeSha256, configuration.Version, configuration.State, configuration.LastUpdateStatus, configuration.RevisionId));
        var published = await lambda.PublishVersionAsync(CannedAws.FunctionName, CannedAws.CodeSha256, null, null, TestContext.Current);
        Assert.Equal("8", published.Version);
        var body = JsonDocument.Parse(server.Requests[^1].BodyText).RootElement;
        Assert.False(body.TryGetProperty("Description", out _)); // absent options are not sent as null
    }

    [Fact]
    public async Task A_code_update_pins_the_object_version_when_it_is_known()
    {
        using var server = new RecordingServer();
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        await lambda.UpdateFunctionCodeAsync(CannedAws.FunctionName, new S3CodeLocation("b", "jamstack/prod/f/1.0.0/f.zip", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"), CannedAws.RevisionId, TestContext.Current);
        var pinned = JsonDocument.Parse(server.Requests[^1].BodyText).RootElement;
        Assert.Equal("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", pinned.GetProperty("S3ObjectVersion").GetString());
        Assert.Equal("jamstack/prod/f/1.0.0/f.zip", pinned.GetProperty("S3Key").GetString());

        await lambda.UpdateFunctionCodeAsync(CannedAws.FunctionName, new S3CodeLocation("b", "k.zip"), CannedAws.RevisionId, TestContext.Current);
        Assert.False(JsonDocument.Parse(server.Requests[^1].BodyText).RootElement.TryGetProperty("S3ObjectVersion", out _)); // an unversioned bucket: none sent
    }

    [Fact]
    public async Task A_missing_function_is_an_error_naming_function_region_and_the_config_file()
    {
        using var server = new RecordingServer(_ => new(404,
            """{"Type":"User","message":"Function not found: arn:aws:lambda:eu-west-1:333333333333:function:nope"}""", "application/json",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ResourceNotFoundException" }));
        using var lambda = TestSessions.For(server).CreateLambda("eu-west-1");
        var error = await Assert.ThrowsAsync<AwsApiException>(() => lambda.GetFunctionConfigurationAsync("nope", null, TestContext.Current));
        Assert.Equal("ResourceNotFoundException", error.Code);
        Assert.StartsWith("Lambda function nope not found in eu-west-1: create it (infra) or fix its functionName/region in infra/environments.json", error.Message);
    }

    [Fact]
    public async Task A_missing_alias_is_null_not_an_error()
    {
        using var server = new RecordingServer(_ => new(404, """{"Type":"User","message":"Alias not found"}""", "application/json",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ResourceNotFoundException" }));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        Assert.Null(await lambda.GetAliasAsync(CannedAws.FunctionName, "live", TestContext.Current));
    }

    [Fact]
    public async Task Names_are_escaped_as_uri_labels()
    {
        using var server = new RecordingServer();
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        await lambda.GetFunctionConfigurationAsync("arn:aws:lambda:eu-central-1:333333333333:function:f", "live", TestContext.Current);
        Assert.Equal("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-central-1%3A333333333333%3Afunction%3Af/configuration", server.Requests[0].Path);
    }

    [Fact]
    public async Task The_update_waiter_polls_until_successful()
    {
        var statuses = new Queue<string>(["InProgress", "InProgress", "Successful"]);
        using var server = new RecordingServer(_ => new(200, CannedAws.Configuration(lastUpdateStatus: statuses.Dequeue())));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var done = await FunctionUpdateWaiter.WaitForSuccessAsync(lambda, CannedAws.FunctionName, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), TestContext.Current);
        Assert.Equal("Successful", done.LastUpdateStatus);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_failed_update_ends_the_wait_with_lambdas_reason()
    {
        using var server = new RecordingServer(_ => new(200, CannedAws.Configuration(lastUpdateStatus: "Failed", reason: "Unzipped size must be smaller than 262144000 bytes")));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var error = await Assert.ThrowsAsync<AwsAccessException>(() =>
            FunctionUpdateWaiter.WaitForSuccessAsync(lambda, CannedAws.FunctionName, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), TestContext.Current));
        Assert.Contains("Unzipped size must be smaller", error.Message);
        Assert.Contains(CannedAws.FunctionName, error.Message);
    }

    [Fact]
    public async Task Waiting_for_a_settled_function_accepts_an_earlier_failure()
    {
        var statuses = new Queue<string>(["InProgress", "Failed"]);
        using var server = new RecordingServer(_ => new(200, CannedAws.Configuration(lastUpdateStatus: statuses.Dequeue(), reason: "bad zip")));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var settled = await FunctionUpdateWaiter.WaitUntilSettledAsync(lambda, CannedAws.FunctionName, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), TestContext.Current);
        Assert.Equal("Failed", settled.LastUpdateStatus);
    }

    [Fact]
    public async Task An_update_that_never_finishes_times_out()
    {
        using var server = new RecordingServer(_ => new(200, CannedAws.Configuration(lastUpdateStatus: "InProgress")));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var error = await Assert.ThrowsAsync<AwsAccessException>(() =>
            FunctionUpdateWaiter.WaitForSuccessAsync(lambda, CannedAws.FunctionName, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TestContext.Current));
        Assert.Contains("still updating", error.Message);
    }
}
