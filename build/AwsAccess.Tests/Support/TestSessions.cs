using Amazon.Runtime;

namespace AwsAccess.Tests;

/// <summary>Sessions with the golden files' fixed identity, pointed at a recording server, with fast retries.</summary>
public static class TestSessions
{
    public const string AccessKey = "AKIDGOLDEN0000000000";
    public const string SecretKey = "golden-secret";
    public const string SessionToken = "golden-session-token";

    public static readonly RetryOptions FastRetry = new()
    {
        MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    public static AwsSession For(RecordingServer server, string region = "eu-central-1", RetryOptions? retry = null) =>
        AwsSession.FromCredentials(new SessionAWSCredentials(AccessKey, SecretKey, SessionToken), region,
            new SessionOptions { Environment = server.Environment(), Retry = retry ?? FastRetry });
}
