namespace AwsAccess;

/// <summary>The one line printed when the build has no AWS identity at all.</summary>
public static class NoCredentials
{
    public const string Message =
        "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --aws-profile <name> " +
        "(after `aws sso login --profile <name>` for SSO), or deploy to the local cloud with --environment local.";

    public static AwsAccessException Exception(Exception? inner = null) => new(Message, inner);

    /// <summary>The line for these options: a named profile that does not resolve is named, with where it was looked for.</summary>
    public static string MessageFor(SessionOptions options)
    {
        var (profile, from) = options.Profile is { } given ? (given, "--aws-profile") : (options.Environment.Get("AWS_PROFILE"), "AWS_PROFILE");
        if (profile is null)
            return Message;
        var files = options.Environment.Get("AWS_SHARED_CREDENTIALS_FILE") is { } file ? file : "~/.aws/config or ~/.aws/credentials";
        return $"AWS profile '{profile}' (from {from}) not found or has no credentials in {files}: " +
               $"run `aws configure sso --profile {profile}` (or `aws configure --profile {profile}`), or fix {from}.";
    }
}
