using System.Globalization;
using Deploy.Site;

namespace Deploy.Reporting;

/// <summary>Concise lines for CI logs: one per phase, invalidation and deletion, with counts, bytes and time.</summary>
public sealed class CiProgress(TextWriter output) : ISiteProgress
{
    readonly Lock gate = new();

    public void PhaseCompleted(SitePhase phase, int objects, long bytes, TimeSpan elapsed) =>
        Write($"site phase {(int)phase}/4 {PhaseNames.Of(phase)}: uploaded {Sizes.Objects(objects)}, {Sizes.Format(bytes)} in {Seconds(elapsed)}");

    public void Invalidating(IReadOnlyList<string> paths) =>
        Write($"invalidating {paths.Count} path{(paths.Count == 1 ? "" : "s")}: {string.Join(' ', paths.Take(5))}{(paths.Count > 5 ? " …" : "")}");

    public void Invalidated(TimeSpan elapsed) => Write($"invalidation completed in {Seconds(elapsed)}");

    public void Deleted(int objects, long bytes) => Write($"deleted {Sizes.Objects(objects)} ({Sizes.Format(bytes)}) no longer part of the site");

    void Write(string line)
    {
        lock (gate) output.WriteLine(line);
    }

    static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0}s");
}
