using System.Text.Json;
using Deploy.Releases;

namespace ReleaseBench;

/// <summary>The in-memory switch kept in a file between runs (the benchmark has no key value store), counting writes.</summary>
sealed class FileSwitch(string path) : IReleaseSwitch
{
    readonly InMemoryReleaseSwitch inner = Load(path);

    public int Writes => inner.Writes;

    static InMemoryReleaseSwitch Load(string path)
    {
        var memory = new InMemoryReleaseSwitch();
        if (File.Exists(path))
            foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!)
                memory.Values[k] = v;
        return memory;
    }

    public void Save() => File.WriteAllText(path, JsonSerializer.Serialize(inner.Values));

    public Task<LiveRelease?> LiveAsync(CancellationToken cancellationToken) => inner.LiveAsync(cancellationToken);

    public Task WriteHistoriesAsync(IReadOnlyDictionary<string, string> histories, CancellationToken cancellationToken) =>
        inner.WriteHistoriesAsync(histories, cancellationToken);

    public Task PromoteAsync(int release, CancellationToken cancellationToken) => inner.PromoteAsync(release, cancellationToken);
}
