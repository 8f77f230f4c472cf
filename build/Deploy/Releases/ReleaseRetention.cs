using Deploy.Site;

namespace Deploy.Releases;

/// <summary>
/// Which releases a bucket keeps: the newest <c>keep</c>, and always the live one and the one before it (the rollback
/// target). A pruned release's files are deleted only where no retained release is served from them: a file it stored
/// that later releases still serve (they did not change it) stays. Pure.
/// </summary>
public static class ReleaseRetention
{
    public sealed record Pruning(IReadOnlyList<int> Releases, IReadOnlyList<string> DeleteKeys, ReleaseCatalogue Catalogue);

    public static IReadOnlyList<int> Retained(ReleaseCatalogue catalogue, int keep, LiveRelease? live) =>
        catalogue.Releases.Select(r => r.Id).OrderDescending().Take(keep)
            .Concat(new[] { live?.Id, live?.Previous }.OfType<int>())
            .Distinct().Order().ToList();

    /// <param name="manifests">The manifests of the releases to prune (see <see cref="Prunable"/>) and of the retained
    /// ones: a hashed asset is served to every release, so it is in use while a retained release lists it.</param>
    public static Pruning Plan(ReleaseCatalogue catalogue, int keep, LiveRelease? live, IReadOnlyCollection<ReleaseManifest> manifests)
    {
        var retained = Retained(catalogue, keep, live);
        var pruned = Prunable(catalogue, keep, live);
        var retainedManifests = manifests.Where(m => retained.Contains(m.Id)).ToList();
        var deletes = new List<string>();
        foreach (var manifest in manifests.Where(m => pruned.Contains(m.Id)))
        {
            foreach (var (key, file) in manifest.Files.Where(f => f.Value.StoredIn == manifest.Id))
            {
                var history = catalogue.HistoryOf(ReleaseLayout.SwitchKey(key));
                var used = history.StoredForAll == manifest.Id || (history.StoredForAll is null && AssetClasses.Of(key) == AssetClass.Immutable)
                    ? retainedManifests.Any(m => m.Files.TryGetValue(key, out var f) && f.StoredIn == manifest.Id)
                    : history.StoredForAll is null && retained.Any(r => history.StoredIn(r) == manifest.Id);
                if (!used)
                    deletes.Add(ReleaseLayout.ContentKey(manifest.Id, key));
            }
            deletes.Add(ReleaseLayout.ManifestKey(manifest.Id));
        }
        var next = catalogue with { Releases = catalogue.Releases.Where(r => !pruned.Contains(r.Id)).ToList() };
        return new Pruning(pruned, deletes, next);
    }

    public static IReadOnlyList<int> Prunable(ReleaseCatalogue catalogue, int keep, LiveRelease? live)
    {
        var retained = Retained(catalogue, keep, live);
        return catalogue.Releases.Select(r => r.Id).Where(id => !retained.Contains(id)).Order().ToList();
    }
}
