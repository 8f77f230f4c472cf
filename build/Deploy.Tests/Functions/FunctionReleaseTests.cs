using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAccess;
using Deploy.Environments;
using Deploy.Functions;
using Deploy.Tests.Site;
using System.Security.Cryptography;
using System.Text;

namespace Deploy.Tests.Functions;

/// <summary>Releases against an in-process Lambda speaking the real wire format, reading packages from a real S3 server.</summary>
[Collection(S3rverCollection.Name)]
public sealed class FunctionReleaseTests : IAsyncLifetime
{
    private const string Central = "eu-central-1";
    private const string West = "eu-west-1";
    private readonly S3rverFixture _s3rver;
    private readonly FakeLambda _lambda;
    private string _bucket = "";
    private static readonly FunctionReleaseOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(10), UpdateTimeout = TimeSpan.FromSeconds(2) };

    public FunctionReleaseTests(S3rverFixture s3rver)
    {
        _s3rver = s3rver;
        _lambda = new FakeLambda(ReadObjectAsync);
    }

    public async Task InitializeAsync() => _bucket = await _s3rver.CreateBucketAsync("functions");

    private async Task<byte[]?> ReadObjectAsync(string bucket, string key)
    {
        try
        {
            using var response = await _s3rver.S3.Client.GetObjectAsync(bucket, key);
            using var bytes = new MemoryStream();
            await response.ResponseStream.CopyToAsync(bytes);
            return bytes.ToArray();
        }
        catch (AmazonS3Exception) { return null; }
    }

    private static string Sha(string content) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private async Task<FunctionArtifact> StoredAsync(string name, string region, string content, string? claimedSha = null)
    {
        var key = $"jamstack/{name}/1.2.3/{name}.zip";
        await _s3rver.S3.Client.PutObjectAsync(_s3rver.S3.Prepare(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = content }));
        return new FunctionArtifact(name, new FunctionTarget("jamstack-dev-" + name, region, "live", new Dictionary<string, string>()),
            claimedSha ?? Sha(content), new S3CodeLocation(_bucket, key));
    }

    private FunctionRelease Release()
    {
        var environment = new AwsEnvironment(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_LAMBDA"] = _lambda.Url.ToString() });
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("AKIADEPLOYROLE", "secret"), Central,
            new SessionOptions { Environment = environment, Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5) } });
        return new FunctionRelease(region => session.CreateLambda(region), Fast);
    }

    [Fact]
    public async Task Changed_functions_get_new_code_a_published_version_and_the_alias_then_a_second_run_skips_them()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old form"));
        var mail = _lambda.Add(West, "jamstack-dev-mail-forwarder", Sha("old mail"));
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "new form"), await StoredAsync("mail-forwarder", West, "new mail")];
        using var release = Release();

        var plan = await release.PlanAsync(artifacts, CancellationToken.None);
        Assert.Equal(2, plan.Updates.Count);
        var results = await release.ApplyAsync(plan, "1.2.3 (abc1234)", null, CancellationToken.None);

        Assert.All(results, r => Assert.Equal(("2", "1", false), (r.Version, r.PreviousVersion, r.Skipped)));
        Assert.Equal(Sha("new form"), form.CodeSha256);
        Assert.Equal(("2", Sha("new mail")), (mail.Aliases["live"].Version, mail.Versions[1]));
        var formCalls = _lambda.Calls.Where(c => c.Contains("contact-form", StringComparison.Ordinal) && !c.StartsWith("GET", StringComparison.Ordinal)).ToList();
        Assert.Equal([
            "PUT /2015-03-31/functions/jamstack-dev-contact-form/code",
            "POST /2015-03-31/functions/jamstack-dev-contact-form/versions",
            "PUT /2015-03-31/functions/jamstack-dev-contact-form/aliases/live",
        ], formCalls);
        // The update was waited for: the configuration was read while InProgress before publishing.
        var calls = _lambda.Calls.Where(c => c.Contains("contact-form", StringComparison.Ordinal)).ToList();
        var put = calls.IndexOf("PUT /2015-03-31/functions/jamstack-dev-contact-form/code");
        var publish = calls.IndexOf("POST /2015-03-31/functions/jamstack-dev-contact-form/versions");
        Assert.True(calls.Skip(put).Take(publish - put).Count(c => c == "GET /2015-03-31/functions/jamstack-dev-contact-form/configuration") >= 2);

        var writes = _lambda.Calls.Count(c => !c.StartsWith("GET", StringComparison.Ordinal));
        var again = await release.PlanAsync(artifacts, CancellationToken.None);
        Assert.Empty(again.Updates);
        var skipped = await release.ApplyAsync(again, "1.2.3 (abc1234)", null, CancellationToken.None);
        Assert.All(skipped, r => Assert.True(r.Skipped));
        Assert.Equal(writes, _lambda.Calls.Count(c => !c.StartsWith("GET", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_missing_alias_is_created()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old"), alias: null);
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "first release")];
        using var release = Release();
        var plan = await release.PlanAsync(artifacts, CancellationToken.None);
        Assert.Contains("does not exist yet", Assert.Single(plan.Updates).Reason);
        await release.ApplyAsync(plan, "1.2.3", null, CancellationToken.None);
        Assert.Equal("2", form.Aliases["live"].Version);
        Assert.Contains("POST /2015-03-31/functions/jamstack-dev-contact-form/aliases", _lambda.Calls);
    }

    [Fact]
    public async Task A_failed_update_stops_with_lambdas_reason_and_leaves_the_alias()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old"));
        form.FailNextUpdate = "Unzipped size must be smaller than 262144000 bytes";
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "too big")];
        using var release = Release();
        var error = await Assert.ThrowsAsync<AwsAccessException>(async () =>
            await release.ApplyAsync(await release.PlanAsync(artifacts, CancellationToken.None), "1.2.3", null, CancellationToken.None));
        Assert.Contains("Unzipped size must be smaller", error.Message);
        Assert.Contains("jamstack-dev-contact-form in eu-central-1", error.Message);
        Assert.Equal("1", form.Aliases["live"].Version);
        Assert.DoesNotContain(_lambda.Calls, c => c.Contains("/versions", StringComparison.Ordinal));

        // The next deploy is not blocked by the earlier failure.
        var fixedArtifacts = new[] { await StoredAsync("contact-form", Central, "fixed") };
        await release.ApplyAsync(await release.PlanAsync(fixedArtifacts, CancellationToken.None), "1.2.4", null, CancellationToken.None);
        Assert.Equal("2", form.Aliases["live"].Version);
    }

    [Fact]
    public async Task A_missing_function_names_it_its_region_and_the_config_file()
    {
        FunctionArtifact[] artifacts = [await StoredAsync("mail-forwarder", West, "code")];
        _lambda.Add(Central, "jamstack-dev-mail-forwarder", Sha("x")); // exists, but in the other region
        using var release = Release();
        var error = await Assert.ThrowsAsync<AwsApiException>(() => release.PlanAsync(artifacts, CancellationToken.None));
        Assert.StartsWith("Lambda function jamstack-dev-mail-forwarder not found in eu-west-1", error.Message);
        Assert.Contains("infra/environments.json", error.Message);
    }

    [Fact]
    public async Task A_stored_object_that_is_not_the_packaged_zip_is_not_published()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old"));
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "what the store holds", claimedSha: Sha("what the manifest says"))];
        using var release = Release();
        var error = await Assert.ThrowsAsync<AwsAccessException>(async () =>
            await release.ApplyAsync(await release.PlanAsync(artifacts, CancellationToken.None), "1.2.3", null, CancellationToken.None));
        Assert.Contains("not the packaged zip", error.Message);
        Assert.Equal("1", form.Aliases["live"].Version);
    }

    [Fact]
    public async Task A_change_made_by_someone_else_meanwhile_is_refused_by_its_revision()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old"));
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "ours")];
        using var release = Release();
        var plan = await release.PlanAsync(artifacts, CancellationToken.None);
        form.ChangedByOthersBeforeNextUpdate = true;
        var error = await Assert.ThrowsAsync<AwsApiException>(() => release.ApplyAsync(plan, "1.2.3", null, CancellationToken.None));
        Assert.Equal("PreconditionFailedException", error.Code);
        Assert.StartsWith("Lambda function jamstack-dev-contact-form in eu-central-1 changed or is busy with another update", error.Message);
        Assert.Equal(Sha("old"), form.CodeSha256);
    }

    [Fact]
    public async Task An_update_whose_answer_was_lost_is_recognised_as_ours_and_released()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old"));
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "ours")];
        using var release = Release();
        var plan = await release.PlanAsync(artifacts, CancellationToken.None);
        form.LoseAnswerOfNextUpdate = true;
        await release.ApplyAsync(plan, "1.2.3", null, CancellationToken.None);
        Assert.Equal(Sha("ours"), form.CodeSha256);
        Assert.Equal("2", form.Aliases["live"].Version);
    }

    [Fact]
    public async Task An_update_already_running_is_waited_for_and_past_the_timeout_nothing_is_written()
    {
        var form = _lambda.Add(Central, "jamstack-dev-contact-form", Sha("old"));
        FunctionArtifact[] artifacts = [await StoredAsync("contact-form", Central, "ours")];
        using var release = Release();
        var plan = await release.PlanAsync(artifacts, CancellationToken.None);
        form.LastUpdateStatus = "InProgress"; // someone else's update, still running for the next 1000 reads
        form.PendingReads = 1000;
        var error = await Assert.ThrowsAsync<AwsAccessException>(() => release.ApplyAsync(plan, "1.2.3", null, CancellationToken.None));
        Assert.Contains("still updating", error.Message);
        Assert.DoesNotContain(_lambda.Calls, c => !c.StartsWith("GET", StringComparison.Ordinal));
    }

    public Task DisposeAsync()
    {
        _lambda.Dispose();
        return Task.CompletedTask;
    }
}
