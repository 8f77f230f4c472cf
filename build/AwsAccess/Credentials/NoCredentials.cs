namespace AwsAccess;

/// <summary>The one line printed when the build has no AWS identity at all.</summary>
public static class NoCredentials
{
    public const string Message =
        "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --aws-profile <name> " +
        "(after `aws sso login --profile <name>` for SSO), or deploy to the local cloud with --environment local.";

    public static AwsAccessException Exception(Exception? inner = null) => new(Message, inner);
}
