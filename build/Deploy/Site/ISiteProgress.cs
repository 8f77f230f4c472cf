namespace Deploy.Site;

/// <summary>What a running site sync reports. Upload events arrive concurrently from several threads.</summary>
public interface ISiteProgress
{
    void PhaseStarted(SitePhase phase, int objects, long bytes) { }
    void Uploaded(SitePhase phase, Upload upload) { }
    void PhaseCompleted(SitePhase phase, int objects, long bytes, TimeSpan elapsed) { }
    void Invalidating(IReadOnlyList<string> paths) { }
    void Invalidated(TimeSpan elapsed) { }
    void Deleted(int objects, long bytes) { }
    void StateWritten() { }
}

/// <summary>Reports nothing; for callers that only want the result.</summary>
public sealed class SilentProgress : ISiteProgress;
