using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace AwsAccess;

/// <summary>
/// One AWS identity (the build's own, or an assumed deploy role) with its default region; creates the
/// service clients that act as it. Temporary credentials live only in memory.
/// </summary>
public sealed class AwsSession
{
    private AwsSession(AWSCredentials credentials, string defaultRegion, string source, SessionOptions options)
    {
        Credentials = credentials;
        DefaultRegion = defaultRegion;
        Source = source;
        Options = options;
        Endpoints = new EndpointResolver(options.Environment);
    }

    public AWSCredentials Credentials { get; }
    public string DefaultRegion { get; }

    /// <summary>Where the credentials came from ("environment variables", "profile x", "role arn:…"); never a secret.</summary>
    public string Source { get; }

    public SessionOptions Options { get; }
    public EndpointResolver Endpoints { get; }

    /// <summary>The build's own identity from the SDK chain. Throws the one-line no-credentials error when there is none.</summary>
    public static AwsSession Create(SessionOptions options)
    {
        var (credentials, source) = BuildIdentity.Resolve(options);
        return new AwsSession(credentials, DefaultRegionOf(options), source, options);
    }

    /// <summary>Whether any credential source is configured; no network (see <see cref="BuildIdentity.IsConfigured"/>).</summary>
    public static bool HasCredentials(SessionOptions options) => BuildIdentity.IsConfigured(options);

    /// <summary>The configured credentials' secret key and session token (environment, profile files), read without network.</summary>
    public static IReadOnlyList<string> ConfiguredSecrets(SessionOptions options) => BuildIdentity.ConfiguredSecrets(options);

    /// <summary>The secret key and session token this session signs with (resolving them if the source is lazy, e.g. SSO).</summary>
    public async Task<IReadOnlyList<string>> SecretsAsync()
    {
        var current = await Credentials.GetCredentialsAsync();
        return new[] { current.SecretKey, current.Token }.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
    }

    /// <summary>A session for given credentials (tests, or credentials obtained elsewhere).</summary>
    public static AwsSession FromCredentials(AWSCredentials credentials, string defaultRegion, SessionOptions options, string source = "given credentials")
    {
        RegionName.Validate(defaultRegion);
        return new AwsSession(credentials, defaultRegion, source, options);
    }

    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        using var sts = CreateSts();
        var call = new AwsCall("sts", "GetCallerIdentity", DefaultRegion);
        var response = await SdkCall.RunAsync(call, () => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken), StsEndpoint);
        return new CallerIdentity(response.Account, response.Arn, response.UserId);
    }

    /// <summary>
    /// Assumes <paramref name="assumption"/>'s role. Before anything else sees them, the temporary secret key and
    /// session token are passed to <paramref name="registerSecret"/> so the caller's log masks them.
    /// </summary>
    public async Task<AwsSession> AssumeRoleAsync(RoleAssumption assumption, Action<string> registerSecret, CancellationToken cancellationToken)
    {
        var (first, expiration) = await AssumeOnceAsync(assumption, registerSecret, cancellationToken);
        // Later sessions are asked for when the current one nears its end; a deploy is not cancelled half-way by a renewal.
        var credentials = new AssumedRoleCredentials(first, expiration, () => AssumeOnceAsync(assumption, registerSecret, CancellationToken.None));
        return new AwsSession(credentials, DefaultRegion, $"role {assumption.RoleArn}", Options);
    }

    private async Task<(ImmutableCredentials Credentials, DateTime Expiration)> AssumeOnceAsync(RoleAssumption assumption, Action<string> registerSecret, CancellationToken cancellationToken)
    {
        using var sts = CreateSts();
        var request = new AssumeRoleRequest
        {
            RoleArn = assumption.RoleArn,
            RoleSessionName = assumption.SessionName,
            DurationSeconds = (int)assumption.Duration.TotalSeconds,
            ExternalId = assumption.ExternalId,
        };
        var call = new AwsCall("sts", "AssumeRole", DefaultRegion, assumption.RoleArn);
        AssumeRoleResponse response;
        try
        {
            response = await SdkCall.RunAsync(call, () => sts.AssumeRoleAsync(request, cancellationToken), StsEndpoint);
        }
        catch (AwsApiException error) when (error.Code is "AccessDenied" or "AccessDeniedException")
        {
            throw await NotAssumableAsync(assumption, error, cancellationToken);
        }
        var temporary = response.Credentials;
        registerSecret(temporary.SecretAccessKey);
        registerSecret(temporary.SessionToken);
        var expiration = temporary.Expiration ?? DateTime.UtcNow + assumption.Duration;
        return (new ImmutableCredentials(temporary.AccessKeyId, temporary.SecretAccessKey, temporary.SessionToken), expiration);
    }

    /// <summary>Names who tried, so the fix (the trust policy's principal) is concrete.</summary>
    private async Task<AwsAccessException> NotAssumableAsync(RoleAssumption assumption, AwsApiException error, CancellationToken cancellationToken)
    {
        string principal;
        try { principal = (await GetCallerIdentityAsync(cancellationToken)).PrincipalArn; }
        catch (AwsAccessException) { principal = "this identity"; }
        return new AwsAccessException(
            $"Role {assumption.RoleArn} is not assumable by {principal}: its trust policy must allow sts:AssumeRole for {principal} " +
            $"(sts AssumeRole in {DefaultRegion}: {(int)error.StatusCode} {error.Code}).", error);
    }

    public S3Connection CreateS3(string region) => new(Credentials, Endpoints.Resolve(AwsService.S3, region), Options.Retry);

    public KmsKeys CreateKms() => new(Credentials, Endpoints, Options.Retry);

    public LambdaClient CreateLambda(string region) => new(Credentials, Endpoints.Resolve(AwsService.Lambda, region), Options.Retry);

    public CloudFrontClient CreateCloudFront() => new(Credentials, Endpoints.Resolve(AwsService.CloudFront, DefaultRegion), Options.Retry);

    public KeyValueStoreClient CreateKeyValueStore() => new(Credentials, Endpoints.Resolve(AwsService.CloudFrontKeyValueStore, DefaultRegion), Options.Retry);

    private ServiceEndpoint StsEndpoint => Endpoints.Resolve(AwsService.Sts, DefaultRegion);

    private AmazonSecurityTokenServiceClient CreateSts() =>
        new(Credentials, SdkClientConfig.Apply(new AmazonSecurityTokenServiceConfig(), StsEndpoint, Options.Retry));

    private static string DefaultRegionOf(SessionOptions options)
    {
        var region = options.Region ?? options.Environment.Get("AWS_REGION") ?? options.Environment.Get("AWS_DEFAULT_REGION")
            ?? BuildIdentity.ProfileRegion(options) ?? "us-east-1";
        RegionName.Validate(region);
        return region;
    }
}
