using System.Text;
using Deploy.Site;

namespace Deploy.Releases;

/// <summary>
/// Plans the next release against the newest one with the site sync's own planner: the newest release's manifest plays
/// the bucket listing and the deploy state, so content and header comparison, phases, the hashed-asset grace period and
/// the delete caps are the ones in-place deploys use. What differs is where things go: uploads into the new release's
/// folder, and instead of invalidations and deletes, key value store entries for the paths that changed. Pure.
/// </summary>
public static class ReleasePlanner
{
    /// <summary>The key value store's limit for a key.</summary>
    public const int MaxKeyBytes = 512;

    public static ReleasePlan Plan(string bucket, LocalSite local, ReleaseCatalogue catalogue, ReleaseManifest? newest, ReleaseSource source,
        SyncSettings settings, DateTimeOffset now)
    {
        var id = catalogue.NextId;
        var remote = newest is null ? RemoteSite.Empty : new RemoteSite(newest.ToRemoteObjects(), newest.ToDeployState(),
            newest.Files.ToDictionary(f => f.Key, f => new ObjectHeaders(f.Value.ContentType, f.Value.CacheControl), StringComparer.Ordinal));
        var site = SitePlanner.Plan(bucket, local, remote, settings, id.ToString(), now);

        var errorPage = local.Files.FirstOrDefault(f => f.Key == ErrorPageKey) is { } page
            ? new Upload(ErrorPageKey, page.Path, page.Size, ContentTypes.For(page.Key), CachePolicy.For(page.Key), UploadReason.ChangedContent, page.ETags)
            : null;
        if (newest is not null && site.UploadCount == 0 && site.Deletions.Count == 0 && !site.StateChanged)
            return new ReleasePlan(newest.Id, false, site, [], new Dictionary<string, string>(), newest, catalogue, errorPage);

        var histories = new Dictionary<string, string>(StringComparer.Ordinal);
        if (id != PathHistory.FirstRelease)
        {
            var retained = catalogue.Releases.Select(r => r.Id).Append(id).ToList();
            foreach (var upload in site.Uploads)
                histories[ReleaseLayout.SwitchKey(upload.Key)] = IsHashed(upload.Key) ? PathHistory.ForAll(id).ToString()
                    : catalogue.HistoryOf(ReleaseLayout.SwitchKey(upload.Key)).Wrote(id).KeepFor(retained).ToString();
            // A hashed asset past its grace is not dropped: releases that name it still serve it (retention deletes it once none is retained).
            foreach (var dropped in site.Deletions.Where(d => !IsHashed(d.Key)))
                histories[ReleaseLayout.SwitchKey(dropped.Key)] = catalogue.HistoryOf(ReleaseLayout.SwitchKey(dropped.Key)).Dropped(id).KeepFor(retained).ToString();
        }
        foreach (var (key, value) in histories)
        {
            if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
                throw new SiteFolderException($"site path {key} is longer than the key value store's {MaxKeyBytes} bytes; fix: shorten that path in the site");
            if (Encoding.UTF8.GetByteCount(value) > PathHistory.MaxValueBytes)
                throw new SiteFolderException($"the history of {key} exceeds the key value store's {PathHistory.MaxValueBytes} bytes; fix: lower releases.keep in infra/environments.json");
        }

        var sizes = local.Files.ToDictionary(f => f.Key, f => f.Size, StringComparer.Ordinal);
        var files = site.NextState.Objects.ToDictionary(o => o.Key, o => new ReleaseFile(o.Value.Md5, o.Value.ETag,
                sizes.TryGetValue(o.Key, out var size) ? size : newest!.Files[o.Key].Size, o.Value.ContentType, o.Value.CacheControl,
                int.Parse(o.Value.DeployId), o.Value.RemovedAt),
            StringComparer.Ordinal);
        var manifest = new ReleaseManifest(id, source.Version, source.Commit, now, local.Bytes, files);
        var paths = new Dictionary<string, string>(catalogue.Paths, StringComparer.Ordinal);
        foreach (var (key, value) in histories) paths[key] = value;
        var next = catalogue with
        {
            Releases = [.. catalogue.Releases, new ReleaseSummary(id, source.Version, source.Commit, now, local.Bytes, local.Files.Count)],
            Paths = paths,
        };
        var phases = site.Phases.Select(p => new UploadPhase(p.Phase,
            p.Uploads.Select(u => u with { Key = ReleaseLayout.ContentKey(id, u.Key) }).ToList())).ToList();
        return new ReleasePlan(id, true, site, phases, histories, manifest, next, errorPage);
    }

    /// <summary>The page the distribution's custom error response names (infra/modules/static-site).</summary>
    public const string ErrorPageKey = "404.html";

    static bool IsHashed(string key) => AssetClasses.Of(key) == AssetClass.Immutable;
}
