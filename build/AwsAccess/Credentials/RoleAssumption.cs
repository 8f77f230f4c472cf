namespace AwsAccess;

/// <summary>
/// A request to act as an environment's deploy role. The duration is bounded (15 minutes to 1 hour,
/// the range every role accepts by default), the session name carries the build id.
/// </summary>
public sealed record RoleAssumption
{
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(900);
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromSeconds(3600);

    public RoleAssumption(string roleArn, string buildId, TimeSpan? duration = null, string? externalId = null)
    {
        if (!roleArn.StartsWith("arn:", StringComparison.Ordinal) || !roleArn.Contains(":role/", StringComparison.Ordinal))
            throw new AwsAccessException($"'{roleArn}' is not an IAM role ARN: set deployRole in infra/environments.json to arn:aws:iam::<account>:role/<name>.");
        var length = duration ?? MaximumDuration;
        if (length < MinimumDuration || length > MaximumDuration)
            throw new AwsAccessException($"Role session duration {length.TotalSeconds:0}s is out of range: use {MinimumDuration.TotalSeconds:0} to {MaximumDuration.TotalSeconds:0} seconds.");
        if (externalId is not null && (externalId.Length < 2 || externalId.Length > 1224))
            throw new AwsAccessException("The external id must be 2 to 1224 characters: fix the configured external id.");
        RoleArn = roleArn;
        SessionName = RoleSessionName.ForBuild(buildId);
        Duration = length;
        ExternalId = externalId;
    }

    public string RoleArn { get; }
    public string SessionName { get; }
    public TimeSpan Duration { get; }
    public string? ExternalId { get; }
}
