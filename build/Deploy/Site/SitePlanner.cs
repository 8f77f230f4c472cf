namespace Deploy.Site;

/// <summary>
/// Compares the built site with the bucket and returns what to do. Pure: no I/O, the clock and the deploy id are inputs.
/// </summary>
public static class SitePlanner
{
    public static SitePlan Plan(string bucket, LocalSite local, RemoteSite remote, SyncSettings settings, string deployId, DateTimeOffset now)
    {
        var uploads = new List<Upload>();
        var state = new Dictionary<string, ObjectState>(StringComparer.Ordinal);
        var unchanged = 0;
        foreach (var file in local.Files)
        {
            var contentType = ContentTypes.For(file.Key);
            var cacheControl = CachePolicy.For(file.Key);
            var reason = ReasonToUpload(file, remote, contentType, cacheControl);
            if (reason is { } r)
                uploads.Add(new Upload(file.Key, file.Path, file.Size, contentType, cacheControl, r, file.ETags));
            else
                unchanged++;
            // An untouched object keeps the deploy that wrote it, so a deploy that changes nothing leaves the state as it was.
            state[file.Key] = reason is null
                ? new ObjectState(remote.Objects[file.Key].ETag, file.ETags.Md5, contentType, cacheControl, remote.CurrentStateOf(file.Key)?.DeployId ?? deployId)
                : new ObjectState(file.ETags.Expected, file.ETags.Md5, contentType, cacheControl, deployId);
        }

        var localKeys = local.Files.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var stale = remote.Objects.Values.Where(o => !localKeys.Contains(o.Key)).ToList();
        var decision = StaleObjects.Decide(stale, remote.State, now, settings, remote.Objects.Count);
        // Kept and refused objects stay in the state with the time they left, so their grace runs from then.
        var deleted = decision.Delete.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var o in stale.Where(o => !deleted.Contains(o.Key)))
        {
            var previous = remote.State?.Objects.GetValueOrDefault(o.Key);
            state[o.Key] = new ObjectState(o.ETag, previous?.Md5 ?? "", previous?.ContentType ?? "", previous?.CacheControl ?? "",
                previous?.DeployId ?? "", decision.RemovedAt[o.Key]);
        }

        var changedServed = uploads.Where(u => u.Reason != UploadReason.New).Select(u => u.Key)
            .Concat(decision.Delete.Select(d => d.Key))
            .Where(key => AssetClasses.Of(key) != AssetClass.Immutable);

        return new SitePlan(
            bucket,
            Phases(uploads),
            InvalidationPaths.For(changedServed, settings.Invalidation),
            decision.Delete,
            decision.Kept,
            decision.Refused,
            decision.RefusalMessage,
            unchanged,
            new DeployState(deployId, now, remote.State?.DeployId, state),
            !SameObjects(remote.State, state));
    }

    static bool SameObjects(DeployState? previous, IReadOnlyDictionary<string, ObjectState> next) =>
        previous is not null && previous.Objects.Count == next.Count
        && next.All(n => previous.Objects.TryGetValue(n.Key, out var p) && p == n.Value);

    /// <summary>Null when the object in the bucket already has these bytes and headers.</summary>
    static UploadReason? ReasonToUpload(LocalFile file, RemoteSite remote, string contentType, string cacheControl)
    {
        if (!remote.Objects.ContainsKey(file.Key)) return UploadReason.New;
        if (!remote.HasContentOf(file)) return UploadReason.ChangedContent;
        var headers = remote.Headers.GetValueOrDefault(file.Key);
        if (headers is null || !SameContentType(headers.ContentType, contentType) || !CachePolicy.SameDirectives(headers.CacheControl, cacheControl))
            return UploadReason.ChangedMetadata;
        return null;
    }

    static bool SameContentType(string? a, string b) =>
        a is not null && string.Equals(a.Replace(" ", ""), b.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);

    /// <summary>Always four phases, in order, each sorted by key, so plans and reports are stable.</summary>
    static IReadOnlyList<UploadPhase> Phases(IEnumerable<Upload> uploads)
    {
        var byPhase = uploads.ToLookup(u => PhaseOf(u.Key));
        return Enum.GetValues<SitePhase>()
            .Select(p => new UploadPhase(p, byPhase[p].OrderBy(u => u.Key, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    public static SitePhase PhaseOf(string key) => AssetClasses.Of(key) switch
    {
        AssetClass.Immutable => SitePhase.HashedAssets,
        AssetClass.PageData => SitePhase.PageData,
        AssetClass.Html => SitePhase.Html,
        _ => SitePhase.OtherFiles,
    };
}
