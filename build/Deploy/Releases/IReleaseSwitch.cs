namespace Deploy.Releases;

/// <summary>The live release and the one live before it (the rollback target retention never deletes).</summary>
public sealed record LiveRelease(int Id, int? Previous)
{
    /// <summary>The key value store's value: "12 9" (the function reads the first number).</summary>
    public override string ToString() => Previous is { } p ? $"{Id} {p}" : $"{Id}";

    public static LiveRelease? Parse(string? value)
    {
        var parts = (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0], out var id)) return null;
        return new LiveRelease(id, parts.Length > 1 && int.TryParse(parts[1], out var previous) ? previous : null);
    }

    /// <summary>What promoting <paramref name="release"/> over this one writes.</summary>
    public static LiveRelease Promoting(int release, LiveRelease? current) =>
        current is null ? new(release, null) : current.Id == release ? current : new(release, current.Id);
}

/// <summary>
/// The one switch a release deploy turns: the key value store the viewer-request function reads. Path histories are
/// written before the release is promoted (entries of a release newer than the live one serve nothing yet); promoting
/// is one conditional write of the live release (and the one it replaces), and nothing else: no upload, no invalidation.
/// </summary>
public interface IReleaseSwitch
{
    /// <summary>The live release; null when the store has none yet (a bucket deployed in place, or never deployed).</summary>
    Task<LiveRelease?> LiveAsync(CancellationToken cancellationToken);

    Task WriteHistoriesAsync(IReadOnlyDictionary<string, string> histories, CancellationToken cancellationToken);

    /// <summary>One write, conditional on the store being as it was read (a concurrent promote fails instead of being lost).</summary>
    Task PromoteAsync(int release, CancellationToken cancellationToken);
}
