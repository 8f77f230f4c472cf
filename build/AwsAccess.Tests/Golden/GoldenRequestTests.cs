namespace AwsAccess.Tests;

/// <summary>
/// Our Lambda, CloudFront and STS requests against the requests AWS's own CLI sent for the same calls
/// (Golden/*.json, recorded by Golden/record.sh with Debian's awscli 2.9): method, path, query, body by
/// meaning, SigV4 credential scope, and the signed header names.
/// </summary>
public sealed class GoldenRequestTests
{
    private const string Function = CannedAws.FunctionName;
    private const string Bucket = "jamstack-artifacts-222222222222-eu-central-1";
    private const string Key = "jamstack/contact-form/1.2.3/abc123.zip";
    private const string Revision = CannedAws.RevisionId;
    private const string AliasRevision = "aaaaaaaa-2222-3333-4444-555555555555";
    private const string Description = "1.2.3 (abc1234)";

    /// <summary>
    /// AWSSDK.Core's signer always sends and signs x-amz-content-sha256 (the payload hash); botocore signs it
    /// only for S3. SigV4 lets a client sign any header it sends and every service accepts this one (the
    /// SigV4 docs: "x-amz-content-sha256 ... required for Amazon S3", optional elsewhere), so it is the one
    /// header we may sign beyond the CLI. Everything else must be the same set.
    /// </summary>
    private static readonly string[] SignedOnlyByDotNetSigner = ["x-amz-content-sha256"];

    private static readonly string[] OperationNames =
    [
        "Lambda.GetFunction", "Lambda.GetFunctionConfiguration", "Lambda.GetFunctionConfiguration.Qualifier",
        "Lambda.UpdateFunctionCode", "Lambda.PublishVersion", "Lambda.GetAlias", "Lambda.UpdateAlias", "Lambda.CreateAlias",
        "CloudFront.GetDistribution", "CloudFront.CreateInvalidation", "CloudFront.GetInvalidation",
        "Sts.GetCallerIdentity", "Sts.AssumeRole",
    ];

    public static TheoryData<string> Operations() => new(OperationNames);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Our_request_matches_the_aws_cli(string operation)
    {
        var golden = GoldenRequest.Load(operation);
        using var server = new RecordingServer();
        var session = TestSessions.For(server);
        await Call(operation, session);

        var ours = Assert.Single(server.Requests);
        Assert.Equal(golden.Method, ours.Method);
        Assert.Equal(golden.Path, ours.Path);
        Assert.Equal(WireBody.Query(golden.Query), WireBody.Query(ours.Query));
        Assert.Equal(WireBody.Normalize(golden.Body, golden.Headers.GetValueOrDefault("content-type")),
                     WireBody.Normalize(ours.BodyText, ours.Header("content-type")));
        Assert.Equal(golden.Scope, ours.Scope);
        Assert.Equal(golden.SignedHeaders.OrderBy(h => h), ours.SignedHeaders.Except(SignedOnlyByDotNetSigner).OrderBy(h => h));
        if (golden.Headers.TryGetValue("content-type", out var contentType)) Assert.Equal(contentType, ours.Header("content-type"));
        else Assert.Null(ours.Header("content-type"));
        Assert.Equal(TestSessions.SessionToken, ours.Header("x-amz-security-token"));
    }

    [Fact]
    public void Every_recorded_golden_file_is_compared()
    {
        var recorded = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.json").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(recorded.Order(), OperationNames.Order());
    }

    private static async Task Call(string operation, AwsSession session)
    {
        var ct = TestContext.Current;
        using var lambda = session.CreateLambda("eu-central-1");
        using var cloudFront = session.CreateCloudFront();
        string[] paths = ["/index.html", "/blog/*", "/page-data/app-data.json"];
        Task work = operation switch
        {
            "Lambda.GetFunction" => lambda.GetFunctionAsync(Function, ct),
            "Lambda.GetFunctionConfiguration" => lambda.GetFunctionConfigurationAsync(Function, null, ct),
            "Lambda.GetFunctionConfiguration.Qualifier" => lambda.GetFunctionConfigurationAsync(Function, "live", ct),
            "Lambda.UpdateFunctionCode" => lambda.UpdateFunctionCodeAsync(Function, new S3CodeLocation(Bucket, Key), Revision, ct),
            "Lambda.PublishVersion" => lambda.PublishVersionAsync(Function, CannedAws.CodeSha256, Description, Revision, ct),
            "Lambda.GetAlias" => lambda.GetAliasAsync(Function, "live", ct),
            "Lambda.UpdateAlias" => lambda.UpdateAliasAsync(Function, "live", "8", AliasRevision, ct),
            "Lambda.CreateAlias" => lambda.CreateAliasAsync(Function, "live", "8", Description, ct),
            "CloudFront.GetDistribution" => cloudFront.GetDistributionAsync("E1DEVEXAMPLE00", ct),
            "CloudFront.CreateInvalidation" => cloudFront.CreateInvalidationAsync("E1DEVEXAMPLE00", paths, "deploy-1.2.3-" + Guid.NewGuid(), ct),
            "CloudFront.GetInvalidation" => cloudFront.GetInvalidationAsync("E1DEVEXAMPLE00", "I2J0I21PCUYOIK", ct),
            "Sts.GetCallerIdentity" => session.GetCallerIdentityAsync(ct),
            "Sts.AssumeRole" => session.AssumeRoleAsync(
                new RoleAssumption("arn:aws:iam::333333333333:role/jamstack-deploy", "42", TimeSpan.FromSeconds(900), "golden-external-id"), _ => { }, ct),
            _ => throw new ArgumentException(operation),
        };
        await work;
    }
}

/// <summary>xunit 2 has no ambient test cancellation token; tests use this one (bounded, so a hang fails).</summary>
internal static class TestContext
{
    public static CancellationToken Current => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
