using Deploy.Site;

namespace Deploy.Reporting;

/// <summary>
/// One line rewritten in place for an interactive terminal ("phase 1/4 hashed assets 37/120 · 2.1 MB/8.0 MB"),
/// redrawn at most every 100 ms so thousands of small files do not flood the terminal.
/// </summary>
public sealed class LiveProgress(TextWriter terminal, TimeProvider? time = null) : ISiteProgress
{
    static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    readonly TimeProvider clock = time ?? TimeProvider.System;
    readonly Lock gate = new();
    SitePhase phase;
    int total, done;
    long totalBytes, doneBytes;
    long lastDraw;
    int lastWidth;

    public void PhaseStarted(SitePhase phase, int objects, long bytes)
    {
        lock (gate)
        {
            (this.phase, total, totalBytes, done, doneBytes) = (phase, objects, bytes, 0, 0);
            Draw();
        }
    }

    public void Uploaded(SitePhase phase, Upload upload)
    {
        lock (gate)
        {
            done++;
            doneBytes += upload.Size;
            if (clock.GetElapsedTime(lastDraw) >= RedrawEvery || done == total) Draw();
        }
    }

    public void PhaseCompleted(SitePhase phase, int objects, long bytes, TimeSpan elapsed) =>
        Finish($"phase {(int)phase}/4 {PhaseNames.Of(phase)}: {Sizes.Objects(objects)}, {Sizes.Format(bytes)} in {elapsed.TotalSeconds:0.0}s");

    public void Invalidating(IReadOnlyList<string> paths) => Overwrite($"invalidating {paths.Count} CloudFront path(s), waiting for completion …");

    public void Invalidated(TimeSpan elapsed) => Finish($"invalidated in {elapsed.TotalSeconds:0.0}s");

    public void Deleted(int objects, long bytes) => Finish($"deleted {Sizes.Objects(objects)} ({Sizes.Format(bytes)})");

    void Draw()
    {
        lastDraw = clock.GetTimestamp();
        Overwrite($"phase {(int)phase}/4 {PhaseNames.Of(phase)} {done}/{total} · {Sizes.Format(doneBytes)}/{Sizes.Format(totalBytes)}");
    }

    void Overwrite(string text)
    {
        lock (gate)
        {
            terminal.Write("\r" + text.PadRight(lastWidth));
            lastWidth = text.Length;
            terminal.Flush();
        }
    }

    void Finish(string text)
    {
        lock (gate)
        {
            Overwrite(text);
            terminal.WriteLine();
            lastWidth = 0;
        }
    }
}
