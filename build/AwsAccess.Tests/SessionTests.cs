using Amazon.Runtime;

namespace AwsAccess.Tests;

/// <summary>The build's own identity: which source the chain picks, and the no-network "any credentials?" check.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("awsaccess-profiles-").FullName;

    private string CredentialsFile => Path.Combine(_home, "credentials");

    /// <summary>An environment whose profile files are this test's own (empty unless a test writes them).</summary>
    private AwsEnvironment Env(params (string Name, string Value)[] variables)
    {
        var all = variables.ToDictionary(v => v.Name, v => v.Value);
        all["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsFile;
        return new AwsEnvironment(all);
    }

    [Fact]
    public void Nothing_configured_means_no_credentials()
    {
        Assert.False(AwsSession.HasCredentials(new SessionOptions { Environment = Env() }));
        Assert.Contains("--aws-profile", NoCredentials.Message);
        Assert.DoesNotContain('\n', NoCredentials.Message);
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID=AKIA1,AWS_SECRET_ACCESS_KEY=s")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/x")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.23/v1/credentials")]
    [InlineData("AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/token,AWS_ROLE_ARN=arn:aws:iam::1:role/r")]
    public void Each_configured_source_counts(string variables)
    {
        var pairs = variables.Split(',').Select(p => p.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();
        Assert.True(AwsSession.HasCredentials(new SessionOptions { Environment = Env(pairs) }));
    }

    [Fact]
    public void Only_an_access_key_without_its_secret_is_not_enough()
    {
        Assert.False(AwsSession.HasCredentials(new SessionOptions { Environment = Env(("AWS_ACCESS_KEY_ID", "AKIA1")) }));
    }

    [Fact]
    public void A_profile_counts_when_it_exists_in_the_profile_files()
    {
        File.WriteAllText(CredentialsFile, "[builder]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\nregion = eu-west-1\n");
        Assert.True(AwsSession.HasCredentials(new SessionOptions { Environment = Env(), Profile = "builder" }));
        Assert.True(AwsSession.HasCredentials(new SessionOptions { Environment = Env(("AWS_PROFILE", "builder")) }));
        Assert.False(AwsSession.HasCredentials(new SessionOptions { Environment = Env(), Profile = "other" }));
    }

    [Fact]
    public void Environment_keys_make_the_session_with_their_token()
    {
        var session = AwsSession.Create(new SessionOptions
        {
            Environment = Env(("AWS_ACCESS_KEY_ID", "AKIAENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret"), ("AWS_SESSION_TOKEN", "env-token"), ("AWS_REGION", "eu-west-1")),
        });
        var credentials = session.Credentials.GetCredentials();
        Assert.Equal(("AKIAENV", "env-secret", "env-token"), (credentials.AccessKey, credentials.SecretKey, credentials.Token));
        Assert.Equal("environment variables", session.Source);
        Assert.Equal("eu-west-1", session.DefaultRegion);
    }

    [Fact]
    public void An_explicit_profile_wins_over_environment_keys_and_brings_its_region()
    {
        File.WriteAllText(CredentialsFile, "[builder]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\nregion = eu-west-1\n");
        var session = AwsSession.Create(new SessionOptions
        {
            Environment = Env(("AWS_ACCESS_KEY_ID", "AKIAENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret")),
            Profile = "builder",
        });
        Assert.Equal("AKIAPROFILE", session.Credentials.GetCredentials().AccessKey);
        Assert.Equal("profile builder", session.Source);
        Assert.Equal("eu-west-1", session.DefaultRegion);
    }

    [Fact]
    public void A_missing_profile_is_a_one_line_error_naming_it()
    {
        var error = Assert.Throws<AwsAccessException>(() => AwsSession.Create(new SessionOptions { Environment = Env(), Profile = "nobody" }));
        Assert.Contains("'nobody'", error.Message);
        Assert.Contains("--aws-profile", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Region_comes_from_the_option_then_AWS_REGION_then_AWS_DEFAULT_REGION()
    {
        (string, string)[] keys = [("AWS_ACCESS_KEY_ID", "AKIA1"), ("AWS_SECRET_ACCESS_KEY", "s")];
        Assert.Equal("eu-north-1", AwsSession.Create(new SessionOptions { Environment = Env([.. keys, ("AWS_REGION", "eu-west-1")]), Region = "eu-north-1" }).DefaultRegion);
        Assert.Equal("eu-west-1", AwsSession.Create(new SessionOptions { Environment = Env([.. keys, ("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2")]) }).DefaultRegion);
        Assert.Equal("us-west-2", AwsSession.Create(new SessionOptions { Environment = Env([.. keys, ("AWS_DEFAULT_REGION", "us-west-2")]) }).DefaultRegion);
    }

    [Fact]
    public void Clients_follow_the_sessions_endpoint_overrides()
    {
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("AKIA1", "s"), "eu-central-1",
            new SessionOptions { Environment = Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9001")) });
        using var lambda = session.CreateLambda("eu-west-1");
        using var cloudFront = session.CreateCloudFront();
        Assert.Equal(new Uri("http://127.0.0.1:9001"), lambda.Endpoint.Url);
        Assert.Equal("eu-west-1", lambda.Region);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), cloudFront.Endpoint.Url);
    }

    [Fact]
    public void The_configured_secrets_are_the_environments_and_the_profiles_secret_key_and_token()
    {
        File.WriteAllText(CredentialsFile, "[builder]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\naws_session_token = profile-token\n");
        var fromEnvironment = AwsSession.ConfiguredSecrets(new SessionOptions
        {
            Environment = Env(("AWS_ACCESS_KEY_ID", "AKIAENV"), ("AWS_SECRET_ACCESS_KEY", "env-secret"), ("AWS_SESSION_TOKEN", "env-token")),
        });
        Assert.Equal(["env-secret", "env-token"], fromEnvironment);
        var fromProfile = AwsSession.ConfiguredSecrets(new SessionOptions { Environment = Env(), Profile = "builder" });
        Assert.Equal(["profile-secret", "profile-token"], fromProfile);
        Assert.Empty(AwsSession.ConfiguredSecrets(new SessionOptions { Environment = Env(), Profile = "does-not-exist" }));
    }

    [Fact]
    public void A_missing_named_profile_is_named_in_the_no_credentials_line()
    {
        var message = NoCredentials.MessageFor(new SessionOptions { Environment = Env(), Profile = "does-not-exist" });
        Assert.StartsWith($"AWS profile 'does-not-exist' (from --aws-profile) not found or has no credentials in {CredentialsFile}: ", message);
        Assert.Contains("aws configure sso --profile does-not-exist", message);
        Assert.StartsWith("AWS profile 'ci' (from AWS_PROFILE)", NoCredentials.MessageFor(new SessionOptions { Environment = Env(("AWS_PROFILE", "ci")) }));
        Assert.Equal(NoCredentials.Message, NoCredentials.MessageFor(new SessionOptions { Environment = Env() }));
    }

    [Fact]
    public async Task An_endpoint_that_refuses_connections_is_named_with_the_call_and_the_variable_that_set_it()
    {
        var options = new SessionOptions
        {
            Environment = Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:2")),
            Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
        };
        var session = AwsSession.FromCredentials(new BasicAWSCredentials("AKIA1", "s"), "eu-central-1", options);

        var sts = await Assert.ThrowsAsync<AwsAccessException>(() => session.GetCallerIdentityAsync(default));
        Assert.StartsWith("Cannot reach sts at http://127.0.0.1:2/ for GetCallerIdentity in eu-central-1 (", sts.Message);
        Assert.EndsWith("): AWS_ENDPOINT_URL_STS set this endpoint: start what should answer there, or fix or unset AWS_ENDPOINT_URL_STS.", sts.Message);

        using var lambda = session.CreateLambda("eu-west-1");
        var call = await Assert.ThrowsAsync<AwsAccessException>(() => lambda.GetFunctionAsync("f", default));
        Assert.StartsWith("Cannot reach lambda at http://127.0.0.1:1/ for GetFunction in eu-west-1 (", call.Message);
        Assert.EndsWith("AWS_ENDPOINT_URL set this endpoint: start what should answer there, or fix or unset AWS_ENDPOINT_URL.", call.Message);
        Assert.DoesNotContain('\n', call.Message);
    }

    public void Dispose() => Directory.Delete(_home, true);
}
