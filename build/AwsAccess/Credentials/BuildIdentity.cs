using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace AwsAccess;

/// <summary>
/// Finds the build's own credentials through the SDK's chain: an explicit profile (SSO, assume-role and
/// credential_process profiles included), keys in the environment, AWS_PROFILE, then the SDK's default
/// chain (web identity, container, instance). Keys are read from the injected environment so tests are exact.
/// </summary>
internal static class BuildIdentity
{
    public static (AWSCredentials Credentials, string Source) Resolve(SessionOptions options)
    {
        var env = options.Environment;
        if (options.Profile is not null) return (FromProfile(env, options.Profile), $"profile {options.Profile}");
        var keys = FromEnvironmentKeys(env);
        if (keys is not null) return (keys, "environment variables");
        var profile = env.Get("AWS_PROFILE");
        if (profile is not null) return (FromProfile(env, profile), $"profile {profile}");
        try
        {
            return (DefaultAWSCredentialsIdentityResolver.GetCredentials(), "default credential chain");
        }
        catch (AmazonClientException error)
        {
            throw NoCredentials.Exception(error);
        }
    }

    /// <summary>
    /// Whether some source of credentials is configured, decided WITHOUT network (instance metadata is not probed):
    /// this only picks the default environment, so a laptop with nothing configured must answer fast and "no".
    /// </summary>
    public static bool IsConfigured(SessionOptions options)
    {
        var env = options.Environment;
        if (FromEnvironmentKeys(env) is not null) return true;
        if (env.Get("AWS_WEB_IDENTITY_TOKEN_FILE") is not null && env.Get("AWS_ROLE_ARN") is not null) return true;
        if (env.Get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is not null || env.Get("AWS_CONTAINER_CREDENTIALS_FULL_URI") is not null) return true;
        var profile = options.Profile ?? env.Get("AWS_PROFILE") ?? "default";
        return Store(env).TryGetProfile(profile, out var found) && found.CanCreateAWSCredentials;
    }

    /// <summary>
    /// The secret parts of the configured credentials that can be read without network: keys in the environment and the
    /// profile's stored secret key and session token. The build masks them before any child process can print them.
    /// </summary>
    public static IReadOnlyList<string> ConfiguredSecrets(SessionOptions options)
    {
        var env = options.Environment;
        var secrets = new List<string?> { env.Get("AWS_SECRET_ACCESS_KEY"), env.Get("AWS_SESSION_TOKEN") };
        foreach (var profile in new[] { options.Profile, env.Get("AWS_PROFILE"), "default" }.Where(p => p is not null).Distinct())
        {
            try
            {
                if (Store(env).TryGetProfile(profile, out var found))
                {
                    secrets.Add(found.Options.SecretKey);
                    secrets.Add(found.Options.Token);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // An unreadable profile file has no secret to mask; resolving the identity reports it.
            }
        }
        return secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.Ordinal).ToList();
    }

    public static string? ProfileRegion(SessionOptions options)
    {
        var profile = options.Profile ?? options.Environment.Get("AWS_PROFILE") ?? "default";
        return Store(options.Environment).TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;
    }

    private static AWSCredentials? FromEnvironmentKeys(AwsEnvironment env)
    {
        var accessKey = env.Get("AWS_ACCESS_KEY_ID");
        var secretKey = env.Get("AWS_SECRET_ACCESS_KEY");
        if (accessKey is null || secretKey is null) return null;
        var token = env.Get("AWS_SESSION_TOKEN");
        return token is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token);
    }

    private static AWSCredentials FromProfile(AwsEnvironment env, string profile)
    {
        if (Store(env).TryGetAWSCredentials(profile, out var credentials)) return credentials;
        throw new AwsAccessException(
            $"AWS profile '{profile}' not found or has no credentials in ~/.aws/config or ~/.aws/credentials: run `aws configure sso --profile {profile}` or fix --aws-profile/AWS_PROFILE.");
    }

    private static CredentialProfileStoreChain Store(AwsEnvironment env) =>
        env.Get("AWS_SHARED_CREDENTIALS_FILE") is { } file ? new CredentialProfileStoreChain(file) : new CredentialProfileStoreChain();
}
