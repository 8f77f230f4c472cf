namespace AwsAccess;

/// <summary>How hard to retry throttling, 5xx and timeouts: bounded attempts, jittered exponential backoff, a per-attempt timeout.</summary>
public sealed record RetryOptions
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static RetryOptions Default { get; } = new();
}
