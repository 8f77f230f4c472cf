namespace AwsAccess.Tests;

/// <summary>Retries against a real socket: throttling and 5xx are retried with backoff, bounded; client errors are not.</summary>
public sealed class RetryTests
{
    private static CannedResponse Throttled() => new(429, """{"__type":"TooManyRequestsException","message":"Rate exceeded"}""");

    [Fact]
    public async Task Throttling_is_retried_until_it_passes()
    {
        var answers = new Queue<CannedResponse>([Throttled(), new(503, "")]);
        using var server = new RecordingServer(request => answers.TryDequeue(out var next) ? next : CannedAws.Respond(request));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var configuration = await lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, null, TestContext.Current);
        Assert.Equal(CannedAws.CodeSha256, configuration.CodeSha256);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_the_last_error()
    {
        using var server = new RecordingServer(_ => Throttled());
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        var error = await Assert.ThrowsAsync<AwsApiException>(() => lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, null, TestContext.Current));
        Assert.Equal("TooManyRequestsException", error.Code);
        Assert.Contains("after retries", error.Message);
        Assert.Equal(TestSessions.FastRetry.MaxAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using var server = new RecordingServer(_ => new(400, """{"__type":"InvalidParameterValueException","message":"bad"}"""));
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        await Assert.ThrowsAsync<AwsApiException>(() => lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, null, TestContext.Current));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_hanging_endpoint_times_out_per_attempt_and_says_so()
    {
        using var server = new RecordingServer(request => CannedAws.Respond(request) with { Delay = TimeSpan.FromSeconds(3) });
        var retry = TestSessions.FastRetry with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(200) };
        using var lambda = TestSessions.For(server, retry: retry).CreateLambda("eu-central-1");
        var error = await Assert.ThrowsAsync<AwsAccessException>(() => lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, null, TestContext.Current));
        Assert.Contains("timed out", error.Message);
        // The client gives up on the second attempt after 200 ms; on a busy machine the server may read it later.
        for (var waited = 0; server.Requests.Count < 2 && waited < 3000; waited += 50) await Task.Delay(50, TestContext.Current);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_stops_the_call()
    {
        using var server = new RecordingServer(request => CannedAws.Respond(request) with { Delay = TimeSpan.FromSeconds(3) });
        using var lambda = TestSessions.For(server).CreateLambda("eu-central-1");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, null, cancel.Token));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_unreachable_endpoint_names_the_variable_to_check()
    {
        using var server = new RecordingServer();
        var session = TestSessions.For(server);
        server.Dispose(); // nothing listens there any more
        using var lambda = session.CreateLambda("eu-central-1");
        var error = await Assert.ThrowsAsync<AwsAccessException>(() => lambda.GetFunctionConfigurationAsync(CannedAws.FunctionName, null, TestContext.Current));
        // The variable that chose the URL (here the general one), with the service and the call.
        Assert.Contains("Cannot reach lambda at ", error.Message);
        Assert.Contains(" for GetFunctionConfiguration in eu-central-1 (", error.Message);
        Assert.Contains("AWS_ENDPOINT_URL set this endpoint", error.Message);
    }
}
