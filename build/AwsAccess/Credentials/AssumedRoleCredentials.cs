using Amazon.Runtime;

namespace AwsAccess;

/// <summary>
/// An assumed role's temporary credentials that renew themselves: before the session expires (a third of its life, at
/// most five minutes ahead) the role is assumed again, so a deploy that outlasts one session keeps going. Every new
/// secret key and session token is registered for masking before anything can sign with it.
/// </summary>
public sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    static readonly TimeSpan MostAhead = TimeSpan.FromMinutes(5);
    static readonly TimeSpan MostBuffer = TimeSpan.FromMinutes(1);

    readonly Func<Task<(ImmutableCredentials Credentials, DateTime Expiration)>> assume;
    int refreshes;

    internal AssumedRoleCredentials(ImmutableCredentials first, DateTime expiration, Func<Task<(ImmutableCredentials, DateTime)>> assume)
    {
        this.assume = assume;
        currentState = Track(first, expiration);
    }

    /// <summary>How many times the role was assumed again after the first session.</summary>
    public int Refreshes => Volatile.Read(ref refreshes);

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var (credentials, expiration) = await assume();
        Interlocked.Increment(ref refreshes);
        return Track(credentials, expiration);
    }

    /// <summary>
    /// Renews in the background a third of the session's life ahead (at most five minutes), and holds requests for new
    /// credentials only in its last tenth (at most the SDK's minute): the SDK's fixed minute would make a short session
    /// look expired at once and be renewed for every signature.
    /// </summary>
    CredentialsRefreshState Track(ImmutableCredentials credentials, DateTime expiration)
    {
        var life = expiration.ToUniversalTime() - DateTime.UtcNow;
        PreemptExpiryTime = life <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MostAhead.Ticks, life.Ticks / 3));
        ExpirationBuffer = life <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MostBuffer.Ticks, life.Ticks / 10));
        return new CredentialsRefreshState(credentials, expiration.ToUniversalTime());
    }
}
