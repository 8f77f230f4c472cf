using System.Collections.Concurrent;

namespace Deploy.Releases;

/// <summary>A switch held in memory, for planning tests and the benchmark's no-CDN runs; counts its writes.</summary>
public sealed class InMemoryReleaseSwitch : IReleaseSwitch
{
    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public int Writes;

    public Task<LiveRelease?> LiveAsync(CancellationToken cancellationToken) =>
        Task.FromResult(LiveRelease.Parse(Values.GetValueOrDefault(ReleaseLayout.LiveKey)));

    public Task WriteHistoriesAsync(IReadOnlyDictionary<string, string> histories, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in histories)
        {
            Values[key] = value;
            Interlocked.Increment(ref Writes);
        }
        return Task.CompletedTask;
    }

    public Task PromoteAsync(int release, CancellationToken cancellationToken)
    {
        Values[ReleaseLayout.LiveKey] = LiveRelease.Promoting(release, LiveRelease.Parse(Values.GetValueOrDefault(ReleaseLayout.LiveKey))).ToString();
        Interlocked.Increment(ref Writes);
        return Task.CompletedTask;
    }

    /// <summary>What the viewer-request function does with a request for <paramref name="key"/> (no leading slash): the object key it rewrites to.</summary>
    public string? Route(string key, int? preview = null)
    {
        var release = preview ?? LiveRelease.Parse(Values[ReleaseLayout.LiveKey])!.Id;
        var stored = PathHistory.Parse(Values.GetValueOrDefault(ReleaseLayout.SwitchKey(key))).StoredIn(release);
        return stored is { } s ? ReleaseLayout.ContentKey(s, key) : null;
    }
}
