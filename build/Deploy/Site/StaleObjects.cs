namespace Deploy.Site;

/// <summary>
/// Decides which objects that left the site are deleted now. Hashed assets stay for the grace period after they left
/// (browsers holding an old page still fetch them); everything else goes once the CDN no longer serves it. Past the cap
/// nothing is deleted without --force.
/// </summary>
public static class StaleObjects
{
    public sealed record Decision(
        IReadOnlyList<Deletion> Delete,
        IReadOnlyList<KeptObject> Kept,
        IReadOnlyList<Deletion> Refused,
        string? RefusalMessage,
        IReadOnlyDictionary<string, DateTimeOffset> RemovedAt);

    /// <param name="siteObjects">How many objects the bucket holds for the site now (the base of the relative cap).</param>
    public static Decision Decide(IEnumerable<RemoteObject> stale, DeployState? state, DateTimeOffset now, SyncSettings settings, int siteObjects)
    {
        var delete = new List<Deletion>();
        var kept = new List<KeptObject>();
        var removedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var obj in stale.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            // Unknown to the state (first deploy with this tool, or written by hand): its grace starts now.
            var since = state?.Objects.GetValueOrDefault(obj.Key)?.RemovedAt ?? now;
            removedAt[obj.Key] = since;
            if (AssetClasses.Of(obj.Key) == AssetClass.Immutable && now - since < settings.GracePeriod)
            {
                var left = settings.GracePeriod - (now - since);
                kept.Add(new KeptObject(obj.Key, $"hashed asset in its grace period ({Describe(left)} left)"));
            }
            else
            {
                delete.Add(new Deletion(obj.Key, obj.Size));
            }
        }

        if (delete.Count > settings.DeleteCap && !settings.Force)
        {
            var message = $"{delete.Count} stale objects exceed the delete cap of {settings.DeleteCap}, so none were deleted; fix: check the site folder, then run again with --force to delete them";
            return new Decision([], kept, delete, message, removedAt);
        }
        var share = Math.Max(settings.DeleteAllowance, (int)Math.Floor(settings.DeleteShare * siteObjects));
        if (delete.Count > share && !settings.Force)
        {
            var message = $"{delete.Count} of the site's {siteObjects} objects are stale, more than {Math.Round(settings.DeleteShare * 100):0}% of them (cap {share}), so none were deleted; " +
                          "fix: check the site folder (is it the whole built site?), then run again with --force to delete them";
            return new Decision([], kept, delete, message, removedAt);
        }
        return new Decision(delete, kept, [], null, removedAt);
    }

    static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{Math.Max(1, span.TotalMinutes):0} minutes";
}
