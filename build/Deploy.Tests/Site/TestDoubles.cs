using Deploy.Site;

namespace Deploy.Tests.Site;

/// <summary>Records invalidations instead of calling CloudFront (the CloudFront client has its own golden-file tests).</summary>
public sealed class RecordingInvalidator(Action? onInvalidate = null) : ISiteInvalidator
{
    public List<IReadOnlyList<string>> Calls { get; } = [];

    public Task InvalidateAsync(IReadOnlyList<string> paths, string callerReference, CancellationToken cancellationToken)
    {
        Calls.Add(paths);
        onInvalidate?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Stops the deploy right after the first object of one phase is stored.</summary>
public sealed class CancelDuring(SitePhase phase, CancellationTokenSource cancel) : ISiteProgress
{
    public int UploadedInPhase;

    public void Uploaded(SitePhase uploadPhase, Upload upload)
    {
        if (uploadPhase != phase) return;
        Interlocked.Increment(ref UploadedInPhase);
        cancel.Cancel();
    }
}
