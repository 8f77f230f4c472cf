using System.Globalization;

namespace Deploy.Releases;

/// <summary>
/// Where one path's bytes live in each release, as the key value store holds it for the viewer-request function: the
/// releases that wrote the path (positive) or dropped it (negative), ascending, space-separated ("4 9 -12 15"). A release
/// R serves the path from the last entry at or below R; with no such entry, from the first release. So a deploy writes
/// entries only for the paths it changes, unchanged files are neither uploaded, copied nor listed again, and entries of
/// releases newer than the live one (previews) change nothing that is served.
/// A hashed asset's name says its bytes, so whichever release stored them serves them to every release ("*7"): a page
/// of a newer release still open in a browser after a rollback loads its bundles.
/// </summary>
public sealed record PathHistory(IReadOnlyList<int> Entries, int? StoredForAll = null)
{
    /// <summary>The release every path without an entry is served from: the bucket's first release holds the whole site.</summary>
    public const int FirstRelease = 1;

    /// <summary>The key value store's limit for one value.</summary>
    public const int MaxValueBytes = 1024;

    public static PathHistory Empty { get; } = new([]);

    public static PathHistory Parse(string? value) => value is null or "" ? Empty
        : value.StartsWith('*') ? new([], int.Parse(value[1..], CultureInfo.InvariantCulture))
        : new(value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => int.Parse(e, CultureInfo.InvariantCulture)).ToList());

    /// <summary>A hashed asset stored in <paramref name="release"/>, served from there to every release.</summary>
    public static PathHistory ForAll(int release) => new([], release);

    public override string ToString() => StoredForAll is { } all ? $"*{all.ToString(CultureInfo.InvariantCulture)}"
        : string.Join(' ', Entries.Select(e => e.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The release whose folder holds the path as release <paramref name="release"/> serves it; null: the path is not part of it.</summary>
    public int? StoredIn(int release)
    {
        if (StoredForAll is { } all) return all;
        for (var i = Entries.Count - 1; i >= 0; i--)
            if (Math.Abs(Entries[i]) <= release)
                return Entries[i] > 0 ? Entries[i] : null;
        return FirstRelease;
    }

    public PathHistory Wrote(int release) => Append(release);

    public PathHistory Dropped(int release) => Append(-release);

    PathHistory Append(int entry)
    {
        if (Entries.Count > 0 && Math.Abs(entry) <= Math.Abs(Entries[^1]))
            throw new InvalidOperationException($"release {Math.Abs(entry)} is not newer than {Math.Abs(Entries[^1])}");
        return new([.. Entries, entry]);
    }

    /// <summary>
    /// Only the entries some retained release resolves to (and newer ones): dropping an entry no retained release resolves
    /// to changes no retained release's answer, and keeps the value under the store's size limit however often a path changes.
    /// </summary>
    public PathHistory KeepFor(IEnumerable<int> retained)
    {
        if (StoredForAll is not null) return this;
        var used = retained.Select(r => IndexFor(r)).Where(i => i >= 0).ToHashSet();
        var newest = retained.DefaultIfEmpty(0).Max();
        return new(Entries.Where((e, i) => used.Contains(i) || Math.Abs(e) > newest).ToList());
    }

    int IndexFor(int release)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
            if (Math.Abs(Entries[i]) <= release) return i;
        return -1;
    }
}
