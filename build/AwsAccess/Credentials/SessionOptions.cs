namespace AwsAccess;

/// <summary>How the build finds its own identity: an explicit profile (--aws-profile), a region, and the environment to read.</summary>
public sealed record SessionOptions
{
    public required AwsEnvironment Environment { get; init; }

    /// <summary>--aws-profile; when null AWS_PROFILE, then the SDK's default chain decide.</summary>
    public string? Profile { get; init; }

    /// <summary>Region for STS and as the session's default; when null AWS_REGION, AWS_DEFAULT_REGION, the profile's region.</summary>
    public string? Region { get; init; }

    public RetryOptions Retry { get; init; } = RetryOptions.Default;
}
